# The builtin round(): argument handling and __round__ dispatch.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

class R:
    def __round__(self, *args):
        return ("rounded", args)
class NoRound:
    pass
t("custom", lambda: round(R()))
t("custom None", lambda: round(R(), None))
t("custom 3", lambda: round(R(), 3))
t("custom kw", lambda: round(R(), ndigits=2))
t("no round", lambda: round(NoRound()))
t("str", lambda: round("1.5"))
t("none", lambda: round(None))
t("missing", lambda: round())
t("too many", lambda: round(1, 2, 3))
t("bad kw", lambda: round(1, digits=2))
t("dup", lambda: round(1.5, number=2))
t("number kw", lambda: round(number=2.5))
t("complex", lambda: round(1 + 1j))
t("bool", lambda: round(True, 2))
for v in [0.5, 1.5, 2.5, -0.5, 7, -7, 2**70, 1e300, 123.456]:
    print(repr(v), round(v), round(v, 1), round(v, -1), round(v, ndigits=None))
