# float.hex() and float.fromhex().
def rep(s, n):
    # str * int without relying on it.
    r = ""
    for _ in range(n):
        r += s
    return r

def t(s):
    try:
        print(repr(s), repr(float.fromhex(s)))
    except Exception as e:
        print(repr(s), type(e).__name__, e)

for v in [0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 3.141592653589793, 1e300, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
          1.7976931348623157e308, 255.0, float("inf"), float("-inf"), float("nan"), 123456.789]:
    h = v.hex()
    print(repr(v), h, float.fromhex(h) == v or v != v)
for s in ["0x1p0", "0x1.8p1", "1p-2", "0X1.FFFFFFFFFFFFFp+1023", "0x1p1024", "0x1.fffffffffffff8p1023", "0x1p-1074",
          "0x1p-1075", "0x1.8p-1075", "0x3p-1076", "0x1p-2000", "  0x1.0p+0  ", "-0x10", "+0xa.8", "0x.8", "0x8.", "inf",
          "-Infinity", "nan", "0x", "0x1p", "0x1p+", "0xg", "", "1.2.3", "0x1p1_0", "0x1.000000000000080000000001p0",
          "0x1.00000000000008p0", "0x1.00000000000018p0", "0x0p99999999999999999999", "0x1p99999999999999999999",
          "0x1p-99999999999999999999", "0x" + rep("f", 300), "0x0.0000000000001p-1022"]:
    t(s)
try:
    float.fromhex(1)
except TypeError as e:
    print(e)
class F(float):
    pass
r = F.fromhex("0x1p1")
print(type(r).__name__, r)
