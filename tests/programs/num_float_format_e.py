# float 'e' and 'E' formatting.
vals = [0.0, -0.0, 1.0, 0.5, 1.5, 2.5, 12345.6789, -0.000123456, 1e-10, 1e100, 1e-100, 1.7976931348623157e308,
        5e-324, 9.999999, 99999.5, float("inf"), float("nan")]
for spec in ["e", "E", ".0e", ".1e", ".2e", ".3E", ".10e", "#.0e", "+.2e", "15.3e", "<15.2e", "015.2e", "-015.3E", ".16e", ".25e"]:
    for v in vals:
        print(repr(v), repr(spec), repr(format(v, spec)))
print(f"{1234.5:e} {0.00012:.1e} {-5.0:E}")
