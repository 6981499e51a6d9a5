import struct
from array import array
import io

a = array('d', [1.5, -2.0])
print(bytes(a), struct.unpack('2d', a), b''.join([a, b'!']), bytearray(a))
buf = array('b', [0] * 8)
struct.pack_into('<hi', buf, 1, -2, 70000)
print(buf)
f = io.BytesIO()
array('h', [1, 2, 3]).tofile(f)
print(f.getvalue())
f.seek(0)
r = array('h')
r.fromfile(f, 2)
print(r)
try:
    r.fromfile(f, 5)
except EOFError as e:
    print('EOFError', e, r)
ray = array('d', [0.0] * 3)
for i in range(3):
    ray[i] = ray[i] + i * 0.5
print(ray, ray[0] + ray[2])
