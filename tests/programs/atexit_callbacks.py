# atexit: LIFO order at exit, arguments, unregister, errors reported as unraisable.
import atexit, sys

class C:
    def __init__(self, n):
        self.n = n
    def __call__(self, *a, **k):
        print('call', self.n, a, k)
        if self.n == 2:
            raise ValueError('bad')
        if self.n == 3:
            sys.exit(5)
    def __repr__(self):
        return 'C(%d)' % self.n
    def __eq__(self, o):
        return isinstance(o, C) and o.n == self.n
    __hash__ = None

base = atexit._ncallbacks()
print(atexit.register(C(1), 1, x=2))
atexit.register(C(2))
atexit.register(C(3))
atexit.register(C(4))
atexit.register(C(5))
atexit.register(C(5))
atexit.unregister(C(5))
print(atexit._ncallbacks() - base)

@atexit.register
def decorated():
    print('decorated runs first')

for f in [lambda: atexit.register(1), lambda: atexit.register(), lambda: atexit.unregister()]:
    try:
        f()
    except TypeError as e:
        print('TypeError', e)

def now(tag):
    print('run now', tag)
atexit.register(now, 'a')
atexit.register(now, 'b')
atexit.unregister(decorated)
atexit._run_exitfuncs()
print(atexit._ncallbacks())
atexit.register(C(1), 1, x=2)
atexit.register(C(2))
atexit.register(C(3))
atexit.register(C(4))
atexit.register(decorated)
atexit.register(print, 'printed by atexit')
print('end of program')
raise SystemExit(3)
