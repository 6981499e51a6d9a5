# hash(float) agrees with hash(int) for integral values and is exact otherwise.
vals = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 0.1, 1.5, 2.0**61, 2.0**62, 2.0**63, 2.0**100, -2.0**100, 1e300, 5e-324,
        1e-300, 3.141592653589793, 1.7976931348623157e308, float("inf"), float("-inf"), 123456.789, 2.0**-60, 2.0**-61, 2.0**-62]
for v in vals:
    print(repr(v), hash(v), hash(v) == hash(int(v)) if v == v and abs(v) != float("inf") and v.is_integer() else "")
print(hash(float("nan")) == hash(float("nan")) or True)
print({1.0: "x", 1: "y"}, {0.5, 0.5, 1.0, 1})
