# split, subgroup and derive of exception groups
eg = ExceptionGroup("top", [ValueError(1), TypeError(2),
                            ExceptionGroup("sub", [ValueError(3), KeyError(4)])])
eg.__cause__ = RuntimeError("cause")
eg.add_note("note on top")
match, rest = eg.split(ValueError)
print(repr(match))
print(repr(rest))
print(repr(match.__cause__), match.__suppress_context__, match.__notes__, match.__notes__ is eg.__notes__)
print(eg.split(ExceptionGroup)[0] is eg, eg.split(ExceptionGroup)[1])
print(eg.split(OSError))
print(repr(eg.subgroup(lambda e: isinstance(e, KeyError))))
print(eg.subgroup(lambda e: True) is eg)
print(eg.subgroup(lambda e: False))
print(repr(eg.split((KeyError, TypeError))[0]))
print(repr(eg.derive([ZeroDivisionError()])))
for bad in [1, (ValueError, 1), "x"]:
    try:
        eg.split(bad)
    except TypeError as e:
        print("TypeError:", e)
class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "!", excs)
mg = MyGroup("mine", [ValueError(1), KeyError(2)])
m, r = mg.split(ValueError)
print(type(m).__name__, repr(m), repr(r))
print(mg.message, mg.exceptions, str(mg))
try:
    eg.message = "other"
except AttributeError as e:
    print("AttributeError:", e)
