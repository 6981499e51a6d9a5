def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]), any([None, '']), all(['a', [1]]))
print(any(range(0)), all(range(1, 5)), any({0: 1}), all({1: 0}), any((False,)), all((True, 1, 'x')))
t(lambda: any())
t(lambda: all())
t(lambda: any(1))
t(lambda: all(None))
t(lambda: any([], []))
t(lambda: any(x=[]))
seen = []
class B:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        seen.append(self.v)
        return self.v
print(any([B(False), B(True), B(True)]), seen)
seen.clear()
print(all([B(True), B(False), B(True)]), seen)
class Bad:
    def __bool__(self):
        raise RuntimeError('no bool')
t(lambda: any([Bad()]))
t(lambda: all([Bad()]))
