# Instructions with EXTENDED_ARG: more than 255 constants, names and
# locals, long jumps, and specialized instructions among them.
src = "def f(x):\n"
for i in range(300):
    src += f"    v{i} = x + {i}\n"
src += "    total = 0\n"
src += "    for i in range(3):\n"
for i in range(300):
    src += f"        total += v{i} * {i}.5\n"
src += "    return total, v299, attr.a\n"
src += "class A:\n    a = 7\nattr = A()\n"
ns = {}
exec(src, ns)
print([ns["f"](k) for k in range(4)])
print(ns["f"](1.5))
