# Hashes of ints are the value modulo 2**61 - 1, and agree with floats.
M = 2**61 - 1
vals = [0, 1, -1, -2, 2, 2**61 - 2, 2**61 - 1, 2**61, 2**61 + 1, -(2**61), 2**62, 2**63, 2**64, -(2**64),
        10**20, -(10**20), 2**122, 3**100, -(3**100), 2**1000]
for v in vals:
    print(v, hash(v), hash(v) == hash(float(v)) if abs(v) < 2**1000 else None)
print(hash(True), hash(False), hash(-1) == hash(-2))
d = {1: "a", 1.0: "b", True: "c", 2**70: "d"}
print(d, d[2.0**70] if 2.0**70 in d else "missing")
print({2**61 - 1, 0, 2**61, 1}, len({hash(2**61 - 1), hash(0)}))
