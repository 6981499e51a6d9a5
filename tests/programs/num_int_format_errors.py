# The errors of the format-spec mini-language for ints.
def t(v, spec):
    try:
        print(repr(v), repr(spec), repr(format(v, spec)))
    except Exception as e:
        print(repr(v), repr(spec), type(e).__name__, e)

for spec in ["q", "s", "r", "a", ".2", ".2d", ".0x", "z", "zd", "z5", "+c", "-c", " c", "#c", "xx", "dd", "1.2.3",
             "5.", ".", ".x", "99999999999999999999", "99999999999999999999d", "<>", "<<5", "10,.", "=", ",_d",
             "_,d", "\x01", "\u00e9", "0x", "#z", "z#d", "12345678901234567890123", ".99999999999999999999"]:
    t(17, spec)
t(-1, "c")
t(0x110000, "c")
t(2**100, "c")
t(True, "s")
for bad in [1, 2.5, None, b"x"]:
    try:
        print((5).__format__(bad))
    except TypeError as e:
        print(type(e).__name__, e)
print((5).__format__(""), (5).__format__("03"), int.__format__(True, ""), int.__format__(True, "d"))
