def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(filter(None, [0, 1, '', 'a', None, [], [0], False, True])), list(filter(bool, [0, 2])))
print(list(filter(lambda x: x % 2, range(10))), list(filter(lambda x: x > 'b', ['a', 'b', 'c'])))
t(lambda: filter())
t(lambda: filter(None))
t(lambda: filter(None, [], 1))
t(lambda: filter(None, 1))
t(lambda: filter(None, [], x=1))
t(lambda: list(filter(5, [1])))
t(lambda: list(filter(len, [1])))
f = filter(None, [0, 5, 0, 6])
print(type(f).__name__, iter(f) is f, next(f), list(f), list(f))
class Truthy:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return self.v
    def __repr__(self):
        return 'T' + str(self.v)
print(list(filter(None, [Truthy(True), Truthy(False)])))
class BadBool:
    def __bool__(self):
        return 'x'
t(lambda: list(filter(None, [BadBool()])))
print(list(filter(lambda s: s, {'a': 1, '': 2})))
