from array import array, typecodes
import array as array_module

def attempt(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__, e)

print(typecodes, sorted(x for x in dir(array_module) if not x.startswith('__')), array_module.ArrayType is array)
samples = {'b': [-1, 2], 'B': [1, 255], 'h': [-300, 7], 'H': [65535], 'i': [-70000], 'I': [4000000000],
           'l': [-2**40], 'L': [2**63], 'q': [-2**63], 'Q': [2**64 - 1], 'f': [0.1, 1e300], 'd': [0.1, -2.5]}
for code, values in samples.items():
    a = array(code, values)
    print(a, a.typecode, a.itemsize, len(a), a.tobytes(), a.tolist())
print(array('u', 'hi\u20ac'), array('u'), array('u', 'xy').tounicode(), array('u', ['a', 'b']))
attempt(array)
attempt(array, 'z')
attempt(array, 'ii')
attempt(array, 1)
attempt(array, 'i', 'abc')
attempt(array, 'i', [1, 'a'])
for code, bad in [('b', 200), ('b', -200), ('B', -1), ('B', 256), ('h', 2**15), ('H', -1), ('H', 2**16),
                  ('i', 2**31), ('i', -2**31 - 1), ('I', -1), ('I', 2**32), ('l', 2**63), ('L', -1),
                  ('L', 2**64), ('q', 2**63), ('Q', -1), ('Q', 2**64), ('f', 'a'), ('d', None), ('i', 1.5),
                  ('u', 'ab'), ('u', 1)]:
    print(code, bad, end=' ')
    attempt(array, code, [bad])
print(array('d', [1, 2.5, True]), array('b', b'\x01\xff'), array('i', array('i', [1, 2])), array('d', array('i', [1, 2])), array('i', range(3)))
attempt(array, 'h', b'\x01\xff\x02')
attempt(array, 'u', array('i', [1, 2]))
attempt(array, 'i', array('u', 'ab'))
attempt(array, 'i', typecode='i')
attempt(array, 'i', [1], 2)

a = array('i', [1, 2, 3])
print(a[0], a[-1], a[1:], a[::-1], a * 2, 2 * a, a + a, 2 in a, 7 in a, a.index(2), a.count(2), len(a))
attempt(a.__getitem__, 5)
attempt(a.__getitem__, 'x')
attempt(a.__add__, [1])
attempt(a.__add__, array('d'))
attempt(a.index, 7)
attempt(a.remove, 7)
attempt(array('i').pop)
attempt(a.pop, 10)
attempt(a.__setitem__, 0, 'x')
attempt(a.__setitem__, 5, 1)
attempt(a.__setitem__, slice(0, 2), [1, 2])
attempt(a.__setitem__, slice(0, 2), array('d', [1]))
attempt(a.__setitem__, slice(0, 3, 2), array('i', [1]))
attempt(a.extend, [1, 'x'])
print(a)
attempt(a.extend, array('d'))
attempt(a.frombytes, b'123')
attempt(a.fromunicode, 'x')
attempt(array('u').fromunicode, 5)
attempt(a.tounicode)
attempt(a.fromlist, (1, 2))
attempt(a.fromlist, [1, 'x'])
print(a)
attempt(hash, a)
attempt(lambda: [1] + a)
attempt(lambda: a + 1)

b = array('d', [3.0, 1.0, 2.0])
b.append(4)
b.extend([5, 6])
b.extend(array('d', [7]))
b.insert(0, -1)
b.insert(100, 100)
b.insert(-100, -100)
print(b, b.pop(), b.pop(0), b.pop(-2), b)
b.remove(3.0)
b.reverse()
print(b)
b[0] = 9
b[-1] = 8.5
b[1:3] = array('d', [0.5, 0.25, 0.125])
print(b)
b[::2] = array('d', [1] * len(b[::2]))
print(b)
del b[0]
del b[1:3]
del b[::2]
print(b)
b += array('d', [1.5])
b *= 2
print(b, b.buffer_info()[1], b.itemsize)
b[:] = b
print(b)
b[1:1] = array('d', [42])
print(b)

h = array('h', [1, 256, -2])
h.byteswap()
print(h, h.tobytes(), bytes(h), bytearray(h), list(h))
h.frombytes(b'\x01\x00')
h.fromlist([5, 6])
print(h, h.tolist())
print(array('i', [1, 2]) == array('i', [1, 2]), array('i', [1, 2]) == array('d', [1.0, 2.0]),
      array('i', [1]) < array('i', [2]), array('i', [1, 2]) > array('i', [1]), array('i', [1]) == [1],
      array('i', [1, 2]) != array('i', [1, 3]), array('i') <= array('i'))
u = array('u', 'ab')
u.fromunicode('cd')
u.append('e')
print(u, u.tounicode(), u[1], u[1:3], list(u))
print(list(iter(array('B', [3, 2, 1]))), sorted(array('i', [3, 1, 2])), list(reversed(array('i', [1, 2]))), sum(array('d', [0.5, 0.25])))
it = iter(array('i', [1]))
print(type(it).__name__, next(it), list(it))
print(a.__reduce_ex__(3)[1][1:], array('u', 'ab').__reduce_ex__(3)[1][1:], array('d', [1.5]).__reduce_ex__(2)[1])
print(array_module._array_reconstructor(array, 'i', 9, b'\x00\x00\x00\x01'), array_module._array_reconstructor(array, 'd', 17, b'?\xf8\x00\x00\x00\x00\x00\x00'))
attempt(array_module._array_reconstructor, 1, 'i', 8, b'')
attempt(array_module._array_reconstructor, int, 'i', 8, b'')
attempt(array_module._array_reconstructor, array, 'z', 8, b'')
attempt(array_module._array_reconstructor, array, 'i', 99, b'')
attempt(array_module._array_reconstructor, array, 'i', 8, b'123')

class MyArray(array):
    pass

m = MyArray('i', [1, 2])
m.extra = 1
print(m, type(m[0:1]).__name__, type(m + m).__name__, m.__reduce_ex__(2))
print(array('i', [1, 2]).__copy__(), array.__module__, array.__name__, type(array('i', [1])).__name__)
import copy
c = array('d', [1.0])
print(copy.copy(c), copy.deepcopy(c), copy.copy(c) is c)
