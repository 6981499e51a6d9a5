# Numbers in f-strings: format specs, conversions and nested fields.
x, y, z = 1234.5678, -42, 3 + 4j
w, p = 12, 3
print(f"{x} {y} {z} {x!r} {y!s} {z!r}")
print(f"{x:.2f} {x:10.1f} {x:<10.1f}| {x:^12.3e} {x:,.2f} {x:_.1f} {x:%} {x:.0%}")
print(f"{y:d} {y:5d} {y:<5d}| {y:^7}| {y:+} {y:x} {y:#x} {y:08b} {y:o} {-y:c}")
print(f"{x:{w}.{p}f} {y:{w}} {x:>{w}} {z:{w}.{p}g}")
print(f"{2**100:,} {2**100:_x} {10**20:e} {1/3:.{p}}")
print(f"{'='*10}" if True else "")
for v in [0, 1, -1, 255, 3.5, -0.25, 1e100, 2.5j]:
    print(f"[{v!r:>12}] [{v:>12}] [{v:<12}] [{v:^12}]")
print(f"{True:>6} {False!r:>6} {True:d} {None!r}")
