import _random

def attempt(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__, e)

r = _random.Random(42)
print([r.random() for _ in range(5)])
print(r.getrandbits(1), r.getrandbits(31), r.getrandbits(32), r.getrandbits(33), r.getrandbits(70), r.getrandbits(200), r.getrandbits(0))
for seed in [0, 1, -5, 2**32, 2**32 - 1, 2**100, -2**100, 3.5, -2.25, 'abc', b'abc', True, (1, 2)]:
    r = _random.Random(seed)
    print(repr(seed), r.random(), r.getrandbits(64))
attempt(_random.Random, [1])
r = _random.Random()
r.seed(7)
print(r.random())
r.seed()
r.seed(None)
print(0 <= r.random() < 1)
attempt(r.seed, 1, 2)
attempt(_random.Random, 1, 2)
attempt(_random.Random, x=1)
attempt(r.getrandbits, -1)
attempt(r.getrandbits, 1.5)
r.seed(123)
state = r.getstate()
print(type(state), len(state), state[-1], state[:3])
a = [r.random() for _ in range(3)]
r.setstate(state)
print(a == [r.random() for _ in range(3)])
attempt(r.setstate, (1, 2))
attempt(r.setstate, [1] * 625)
attempt(r.setstate, tuple([1] * 624 + [625]))
attempt(r.setstate, tuple([1] * 624 + [700]))
attempt(r.setstate, tuple([-1] * 624 + [7]))
r.setstate(tuple([2**32 + 5] * 624 + [624]))
print(r.getstate()[:2], r.random())
# 1000 draws cross a twist of the state.
r = _random.Random(2024)
print(sum(r.getrandbits(32) for _ in range(1000)))
print(sorted(x for x in dir(_random) if not x.startswith('__')), _random.Random.__mro__)
print([x for x in dir(_random.Random) if not x.startswith('__')])

class Sub(_random.Random):
    def __init__(self, a, b=1):
        self.b = b

s = Sub(3, b=2)
print(s.random(), s.b)
s.seed(3)
print(s.random())

class Plain(_random.Random):
    pass

print(Plain(5).random() == _random.Random(5).random())
attempt(Plain, 5, x=1)
