# repr and str of complex numbers.
inf, nan = float("inf"), float("nan")
vals = [0j, -0j, 1j, -1j, 1 + 1j, 1 - 1j, 1.5 + 2.25j, -1.5 - 2.25j, 1e16 + 1e-5j, 1e20j, 1e-20j, 0.1 + 0.2j,
        complex(0.0, 0.0), complex(-0.0, 0.0), complex(0.0, -0.0), complex(-0.0, -0.0), complex(1, 0), complex(-1, -0.0),
        complex(inf, 0), complex(0, inf), complex(-inf, -inf), complex(nan, nan), complex(nan, 1), complex(1, -nan),
        complex(123456789012345678, 1), complex(5e-324, -5e-324), 3 + 0j, 1 / 3 + 2 / 3j]
for v in vals:
    print(repr(v), str(v), v, v.real, v.imag)
print([1j, 2 + 3j], (1 - 1j,), {1j: 2j}, f"{1 + 2j} {3j!r}")
