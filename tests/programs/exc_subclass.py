# exceptions defined in Python: custom __init__, __str__, __repr__, attributes
class AppError(Exception):
    def __init__(self, code, detail):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail
    def __str__(self):
        return "[" + str(self.code) + "] " + self.detail

class NoSuper(Exception):
    def __init__(self, value):
        self.value = value

class Fancy(ValueError):
    def __repr__(self):
        return "Fancy!"

try:
    raise AppError(404, "not found")
except AppError as e:
    print(str(e), repr(e), e.args, e.code, e.detail)
n = NoSuper(5)
print(n.args, n.value, repr(n), str(n))
n2 = NoSuper("kw")
print(n2.args)
f = Fancy("x")
print(repr(f), str(f), isinstance(f, ValueError))
class WithKw(Exception):
    def __init__(self, a, b=2):
        super().__init__(a)
        self.b = b
w = WithKw(1, b=3)
print(w.args, w.b)
try:
    Exception.__init__(w, x=1)
except TypeError as e:
    print("TypeError:", e)
class Base(Exception):
    pass
class Derived(Base):
    pass
try:
    raise Derived("d")
except Base as e:
    print("caught as Base:", type(e).__name__, e)
print(vars(AppError(1, "x")))
