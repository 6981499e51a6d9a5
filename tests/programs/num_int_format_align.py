# Width, fill, alignment, sign and zero padding of ints.
def t(v, spec):
    try:
        print(repr(v), repr(spec), repr(format(v, spec)))
    except Exception as e:
        print(repr(v), repr(spec), type(e).__name__, e)

specs = ["5", "<5", ">5", "^5", "=5", "*<7", "*>7", "*^7", "*=7", "05", "08", "+08", " 08", "-08",
         "<08", ">08", "^08", "=08", "x<08", "0=8", "0<8", "#010x", "#010b", "+#010o", "#<10x", "#^10X",
         "0", "1", "010d", "+", "+10", "^+10", "=+10", "=-10", "= 10", "_^9", "\u00e9>6", "->6"]
for spec in specs:
    for v in [0, 7, -7, 123456, -2**40]:
        t(v, spec)
print(f"{42:>{8}} {42:{'*'}^{9}} {-42:{0}{10}}")
w = 12
print(f"[{3:{w}}] [{-3:<{w}}] [{3:^{w}d}]")
