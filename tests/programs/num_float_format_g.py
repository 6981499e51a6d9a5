# float 'g' and 'G' formatting: fixed or exponent by the rounded exponent, trailing zeros dropped unless '#'.
vals = [0.0, -0.0, 1.0, 10.0, 100.0, 123456.0, 1234567.0, 0.0001, 0.00001, 0.000123456, 1.5, 2.5e-5, 1e16, 1e-16,
        123.456, 999999.5, 9999995.0, 0.00009999995, 1e100, 5e-324, float("inf"), float("-inf"), float("nan")]
for spec in ["g", "G", ".0g", ".1g", ".2g", ".3g", ".10g", ".17g", "#g", "#.3g", "#.0g", "+g", "12g", "<12.3g", "012g", "#G"]:
    for v in vals:
        print(repr(v), repr(spec), repr(format(v, spec)))
print(f"{0.1:g} {1e-5:g} {123456789:g} {1.0:#g}")
