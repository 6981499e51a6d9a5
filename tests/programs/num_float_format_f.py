# float 'f' and 'F' formatting: correct rounding of the exact binary value.
vals = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1.005, 0.045, 1234.5678, -0.0001, 1e-10, 123456789.123456789,
        1e15, 1e16, 1e22, 1e300, 5e-324, 3.141592653589793, float("inf"), float("-inf"), float("nan")]
for spec in ["f", "F", ".0f", ".1f", ".2f", ".3f", ".10f", ".20f", "#.0f", "+.2f", " .1f", "10.2f", "<10.1f",
             "^12.3f", "010.2f", "+010.2f", "-010.3F", "#.0F", ".30f"]:
    for v in vals:
        print(repr(v), repr(spec), repr(format(v, spec)))
print(f"{3.14159:.2f} {2.5:.0f} {-1.25:.1f} {1e20:f} {1/3:.17f}")
for i in range(20):
    x = i / 8
    print(x, f"{x:.0f}", f"{x:.1f}", f"{x:.2f}", f"{-x:.2f}")
