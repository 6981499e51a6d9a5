def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(repr(1), repr('a'), repr([1, 'a']), repr(None), repr(1.5), repr((1,)), repr({1}), repr(frozenset()))
print(ascii('abc'), ascii('é'), ascii('\u263a'), ascii('\U0001F600'), ascii([1, 'ü']), ascii(5))
print(format(5), format(5, ''), format('x'), format(1.5), format([1]), format(None))
t(lambda: repr())
t(lambda: repr(1, 2))
t(lambda: ascii())
t(lambda: format())
t(lambda: format(1, 2))
t(lambda: format([], 'x'))
t(lambda: format(object(), 'd'))
class F:
    def __format__(self, spec):
        return 'F[' + spec + ']'
class FB:
    def __format__(self, spec):
        return 5
print(format(F()), format(F(), 'abc'))
t(lambda: format(FB()))
class R:
    def __repr__(self):
        return 'R-é'
print(repr(R()), ascii(R()), str(R()))
print(repr(range(3)), repr(slice(1)), repr(zip) , repr(enumerate), repr(reversed), repr(map), repr(filter))
print(repr(len), type([].append).__name__, type({}.keys).__name__)
