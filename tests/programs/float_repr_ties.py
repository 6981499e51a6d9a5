# repr(float) gives the shortest digits that read back to the same double,
# and of two equally near candidates the even one (2**-25 ends in ...312).
import _random
import struct

print(repr(2.9802322387695312e-08), repr(2**-25), repr(2**-25 * 3))
values = []
for e in range(-1074, 1024, 3):
    values.append(2.0**e)
    values.append(2.0**e * 3)
generator = _random.Random(5)
for _ in range(3000):
    bits = generator.getrandbits(64)
    values.append(struct.unpack("<d", bits.to_bytes(8, "little"))[0])
for v in values:
    print(repr(v), str(-v))
