# Ints formatted with the float presentation types.
def t(v, spec):
    try:
        print(repr(v), repr(spec), repr(format(v, spec)))
    except Exception as e:
        print(repr(v), repr(spec), type(e).__name__, e)

vals = [0, 1, -1, 12, 1234567, -98765, 2**53 + 1, 10**20, 10**22 + 1]
for spec in ["e", "E", "f", "F", "g", "G", "%", ".2e", ".0e", ".3f", ".0f", ".1%", ".3g", "#.3g", "#g",
             "+.2f", ",.2f", "_.1f", "012.2f", "^15.3e", ",g", "#.0f", "z.1f", "z.2e"]:
    for v in vals:
        t(v, spec)
t(10**400, "e")
t(10**400, "f")
t(-(10**400), "g")
t(True, "f")
t(True, ".1%")
