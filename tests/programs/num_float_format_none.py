# float formatting with no presentation type: repr without precision, 'g'-like with at least one decimal with it.
vals = [0.0, -0.0, 1.0, 5.0, 12.0, 123.0, 0.1, 1e16, 1e15, 1e-5, 1.5e300, 123456.789, 2.5, 1 / 3, float("inf"), float("nan")]
for spec in ["", "10", "<10", ".0", ".1", ".2", ".3", ".5", ".12", ".17", "#", "#.3", "+", " ", "015", "+015.3", "^12"]:
    for v in vals:
        print(repr(v), repr(spec), repr(format(v, spec)))
print(f"{1.0} {1.0:} {1.0:.3} {123.0:.3} {5.0:.1}")
print(format(1.5), format(-2.0), str(1.5), (2.5).__format__(""), float.__format__(3.0, ".2"))
