import struct

def attempt(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__, e)

s = struct.Struct('<3sHx')
print(s.format, s.size, type(s).__name__, type(s).__module__, repr(s).startswith('<_struct.Struct object at'))
print(s.pack(b'abc', 1), s.unpack(b'abc\x01\x00\x00'), s.unpack_from(b'..abc\x01\x00\x00', 2), s.unpack_from(buffer=b'abc\x01\x00\x00'))
b = bytearray(7)
s.pack_into(b, 1, b'xyz', 513)
print(b)
it = s.iter_unpack(b'abc\x01\x00\x00' * 3)
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__(), list(it), list(it))
print(struct.Struct(b'>i').format, struct.Struct(format='i').size)
attempt(struct.Struct)
attempt(struct.Struct, 5)
attempt(struct.Struct, 'i\0')
attempt(s.pack, b'a')
attempt(s.unpack, b'a')
attempt(s.unpack)
attempt(struct.iter_unpack, 'i', b'123')
attempt(struct.iter_unpack, '', b'123')
print(list(struct.iter_unpack('>h', b'\x00\x01\x00\x02')))

print(struct.error, struct.error.__mro__, struct.error.__module__)
try:
    struct.pack('b', 1000)
except struct.error as e:
    print('caught', type(e).__name__, e.args)
print(sorted(x for x in dir(struct) if not x.startswith('__')))
struct._clearcache()
print(struct.calcsize('i'))

class MyStruct(struct.Struct):
    pass

m = MyStruct('2i')
print(type(m).__name__, m.size, m.pack(1, 2))
