print("hello", 1 + 2, 2 ** 100, 7 // 2, -7 % 3, 1 / 3)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(20))
xs = [i * i for i in range(10)]
print(xs, len(xs), sum(xs))
d = {"a": 1, "b": [1, 2]}
print(d, d["b"], (1,), (), "x" in d)
class A:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f"A({self.x!r})"
    def __add__(self, other):
        return A(self.x + other.x)
print(A(1) + A(2), A("s"))
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e, repr(e))
for k, v in d.items():
    print(k, v)
print(3.14, 1e20, 1e16, 0.1 + 0.2, -0.0, float("inf"))
