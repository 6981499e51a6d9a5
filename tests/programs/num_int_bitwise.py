# & | ^ ~ with two's complement semantics for negatives and big ints.
vals = [0, 1, -1, 6, -6, 255, -256, 2**63, -2**63, 2**64 - 1, -(2**64) + 5, 2**100 + 12345, -(2**100) - 1]
for a in vals:
    print(a, ~a)
    for b in vals[::2]:
        print(a, b, a & b, a | b, a ^ b)
print(True & True, True | False, True ^ True, type(True & True).__name__, True & 3, 2 | False)
print(~True, ~False, ~0, ~-1, ~(2**70))
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)
t("and float", lambda: 1 & 1.0)
t("or str", lambda: 1 | "a")
t("invert float", lambda: ~1.5)
x = 0xff
x &= 0x0f
x |= 0x100
x ^= 0x101
print(x)
