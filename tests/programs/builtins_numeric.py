def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-0.0), abs(True), abs(-2 ** 70))
t(lambda: abs('a'))
t(lambda: abs())
t(lambda: abs(1, 2))
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(7.5, 2), divmod(-7.5, 2), divmod(2 ** 70, 3))
t(lambda: divmod(1, 0))
t(lambda: divmod(1))
t(lambda: divmod(1, 'a'))
t(lambda: divmod('a', 1))
print(pow(2, 10), pow(2, -1), pow(2, 3, 5), pow(3, 4, 7), pow(2.0, 3), pow(base=2, exp=5), pow(2, 3, mod=3), pow(2, 3, None))
print(pow(-2, 3), pow(2, 0), pow(0, 0), pow(7, 2, -3))
t(lambda: pow(2))
t(lambda: pow())
t(lambda: pow(2, 3, 4, 5))
t(lambda: pow(2, 3, x=1))
t(lambda: pow('a', 2))
t(lambda: pow(2, 'a', 3))
t(lambda: pow(2, 2, 'a'))
t(lambda: pow(2, exp=3, base=4))
class A:
    def __abs__(self):
        return 'abs!'
    def __divmod__(self, o):
        return 'dm'
    def __rdivmod__(self, o):
        return 'rdm'
    def __pow__(self, o, m=None):
        return ('pow', o, m)
print(abs(A()), divmod(A(), 1), divmod(1, A()), pow(A(), 2), pow(A(), 2, 3))
