# The 4300-digit limit on int <-> decimal str conversion.
def rep(s, n):
    # str * int without relying on it.
    r = ""
    for _ in range(n):
        r += s
    return r

def t(label, f):
    try:
        r = f()
        print(label, len(r) if isinstance(r, str) else r.bit_length())
    except Exception as e:
        print(label, type(e).__name__, e)

t("str 4300", lambda: str(10**4299))
t("str 4301", lambda: str(10**4300))
t("str neg 4300", lambda: str(-(10**4299)))
t("repr 5000", lambda: repr(10**5000))
t("fmt 5000", lambda: format(10**5000, ","))
t("fmt d", lambda: format(-(10**4400), "d"))
t("hex ok", lambda: hex(10**5000))
t("fmt x ok", lambda: format(10**5000, "x"))
t("int 4300", lambda: int(rep("7", 4300)))
t("int 4301", lambda: int(rep("7", 4301)))
t("int signed", lambda: int("-" + rep("1", 5000)))
t("int underscores", lambda: int(rep("1_", 3000) + "1"))
t("int hex big", lambda: int(rep("f", 5000), 16))
t("int base 8 big", lambda: int(rep("7", 5000), 8))
t("int base 3 big", lambda: int(rep("1", 5000), 3))
t("int base 36 ok", lambda: int(rep("z", 4300), 36))
