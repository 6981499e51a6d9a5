import struct

def attempt(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__, e)

# Every format character, each byte order.
values = {
    'b': -5, 'B': 200, 'h': -300, 'H': 60000, 'i': -70000, 'I': 4000000000,
    'l': -2**31, 'L': 2**32 - 1, 'q': -2**63, 'Q': 2**64 - 1, 'n': -1, 'N': 2**63,
    'P': 12345, 'e': 1.5, 'f': 0.1, 'd': 0.1, '?': 1, 'c': b'z',
}
for order in ('', '@', '=', '<', '>', '!'):
    for code, value in values.items():
        fmt = order + code
        try:
            packed = struct.pack(fmt, value)
        except struct.error as e:
            print(fmt, 'error', e)
            continue
        print(fmt, struct.calcsize(fmt), packed, struct.unpack(fmt, packed))

# Sizes and alignment.
for fmt in ['ci', 'ic', 'i0q', '<ci', 'bhiq', '@bhiq', '=bhiq', 'xxi', 'cd', '3sd', '2h4x', 'P?e', '10p', '0s', 'i x c']:
    print(fmt, struct.calcsize(fmt))

# Strings.
print(struct.pack('3s', b'abcdef'), struct.pack('5s', b'ab'), struct.pack('5p', b'abcdefgh'))
print(struct.pack('p', b'abc'), struct.pack('300p', b'a' * 300)[:3], struct.pack('4s', bytearray(b'xy')))
print(struct.unpack('4p', b'\x09abc'), struct.unpack('3s2s', b'abcde'))

# Range and type errors.
for fmt, v in [('b', 200), ('B', -1), ('h', 40000), ('H', -1), ('i', 2**31), ('I', -1),
               ('l', 2**63), ('L', -1), ('q', 2**63), ('Q', -1), ('n', 2**63), ('N', -1),
               ('<h', 40000), ('<H', -1), ('<i', 2**31), ('<I', 2**32), ('<l', 2**31),
               ('<L', -1), ('<L', 2**32), ('<q', 2**63), ('<Q', 2**64), ('>h', 40000),
               ('>H', -1), ('>H', 70000), ('>i', -2**31 - 1), ('>I', 2**32), ('>l', 2**31),
               ('>L', 2**32), ('>q', 2**63), ('>Q', -1), ('P', -1), ('P', 2**64),
               ('i', 'x'), ('i', 1.5), ('f', 'x'), ('d', None), ('c', b'ab'), ('c', 'a'),
               ('e', 1e10), ('<e', 65520.0), ('f', 1e300), ('<f', 1e300), ('>f', 3.4028236e38),
               ('d', 10**400), ('s', 'abc'), ('z', 1), ('3', 1), ('=n', 1), ('<P', 1)]:
    print(fmt, end=' ')
    attempt(struct.pack, fmt, v)

class Index:
    def __index__(self):
        return 7

class Float:
    def __float__(self):
        return 2.5

print(struct.pack('i', Index()), struct.pack('d', Float()), struct.pack('d', Index()), struct.pack('?', []), struct.pack('?', 'x'))
attempt(struct.pack, 'i', Float())

# Half floats.
for x in [1.0, -2.5, 65504.0, 65519.99, 5.960464477539063e-08, 3e-08,
          2.9802322387695312e-08 * 1.0000001, 0.000061, 1e-8, 0.0, -0.0, float('inf'), float('-inf'), 1/3]:
    p = struct.pack('<e', x)
    print(x, p, struct.unpack('<e', p), struct.unpack('>e', struct.pack('>e', x)))
print(struct.pack('<e', float('nan')), struct.unpack('<e', b'\x00\x7e'), struct.unpack('<e', b'\x00\x7c'), struct.unpack('<e', b'\x01\x00'))

# Argument counts and buffers.
attempt(struct.pack, 'ii', 1)
attempt(struct.pack, 'i', 1, 2)
attempt(struct.pack)
attempt(struct.unpack, 'i')
attempt(struct.unpack, 'i', b'abc')
attempt(struct.unpack, 'i', 'abcd')
attempt(struct.unpack, 'i', memoryview(b'abcd'))
attempt(struct.unpack, 'i', bytearray(b'abcd'))
attempt(struct.unpack_from, 'i', b'abc', 1)
attempt(struct.unpack_from, 'i', b'abcdefg', -1)
attempt(struct.unpack_from, 'i', b'abcdefg', -10)
attempt(struct.unpack_from, 'i', b'abcdefg', offset=2)
attempt(struct.unpack_from, 'i', buffer=b'abcdefg')
attempt(struct.unpack_from, 'i', b'abcdefg', -4)
attempt(struct.calcsize, '99999999999999999999i')
attempt(struct.calcsize, '9223372036854775807i')
attempt(struct.calcsize, ' 2 i')
attempt(struct.calcsize, '2 i')
attempt(struct.calcsize, 12)
attempt(struct.calcsize, 'i\0i')
attempt(struct.calcsize, 'i\xe9')
attempt(struct.calcsize, b'<5i')

buf = bytearray(8)
attempt(struct.pack_into, 'i', buf, 2, 0x01020304)
print(buf)
attempt(struct.pack_into, '<h', buf, -2, -2)
print(buf)
attempt(struct.pack_into, 'i', bytearray(3), 0, 1)
attempt(struct.pack_into, 'i', bytearray(8), 6, 1)
attempt(struct.pack_into, 'i', bytearray(8), -10, 1)
attempt(struct.pack_into, 'i', bytearray(8), -2, 1)
attempt(struct.pack_into, 'i', b'12345678', 0, 1)
attempt(struct.pack_into, 'i', bytearray(8))
attempt(struct.pack_into, 'i', bytearray(8), 0)
attempt(struct.pack_into, 'i')
