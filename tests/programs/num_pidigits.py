# A big-integer workload: pi digits by the spigot algorithm (pyperformance's bm_pidigits).
def compose(a, b):
    aq, ar, as_, at = a
    bq, br, bs, bt = b
    return (aq * bq, aq * br + ar * bt, as_ * bq + at * bs, as_ * br + at * bt)

def extract(z, j):
    q, r, s, t = z
    return (q * j + r) // (s * j + t)

def gen_pi_digits(n):
    z = (1, 0, 0, 1)
    k = 0
    digits = []
    while len(digits) < n:
        y = extract(z, 3)
        while y != extract(z, 4):
            k += 1
            z = compose(z, (k, 4 * k + 2, 0, 2 * k + 1))
            y = extract(z, 3)
        z = compose((10, -10 * y, 0, 1), z)
        digits.append(y)
    return digits

d = gen_pi_digits(300)
print("".join(str(x) for x in d))
f = 1
for i in range(1, 300):
    f *= i
print(len(str(f)), f % (10**9 + 7), f.bit_length(), str(f)[:50])
a, b = 0, 1
for i in range(1000):
    a, b = b, a + b
print(a % 10**20, len(str(a)), a.bit_count(), hash(a))
print(sum(i * i * i for i in range(10**4)), 3**1000 // 7**300, (3**1000) % (7**300 + 1))
