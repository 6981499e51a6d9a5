# Thousands separators ',' and '_' (every 4 digits in b/o/x/X), with zero padding.
def t(v, spec):
    try:
        print(repr(v), repr(spec), repr(format(v, spec)))
    except Exception as e:
        print(repr(v), repr(spec), type(e).__name__, e)

vals = [0, 1, 12, 123, 1234, 12345, 123456, 1234567, -1234567, 10**20, -(2**64)]
for spec in [",", "_", ",d", "_d", "_x", "_X", "_b", "_o", "#_x", "#_b", "08,", "09,", "010,", "011,",
             "012_", "+015,", "-015_d", "015_x", "#015_x", "020_b", ">15,", "<15,", "^15,", "*=15,", "0=15,", "0>15,"]:
    for v in vals:
        t(v, spec)
for spec in [",x", ",b", ",o", ",X", ",c", ",n", "_n", "_c", ",_", "_,", ",,", "__", ",s"]:
    t(1234, spec)
print(f"{1234567:,} {1234567:_} {0xdeadbeef:_x} {-9876543210:,d} {2**40:_b}")
