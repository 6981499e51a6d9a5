# itertools' infinite iterators and those that end with their input:
# values, reprs, laziness, argument checking and messages.
import itertools
from itertools import (accumulate, chain, compress, count, cycle, dropwhile,
                       filterfalse, islice, pairwise, repeat, starmap,
                       takewhile, zip_longest)


def show(label, f):
    try:
        r = repr(f())
    except Exception as e:
        print(label, "!!", type(e).__name__, e)
    else:
        print(label, "->", r)


def take(n, it):
    return list(islice(it, n))


print(count, repr(count), count.__name__, count.__module__, type(count()).__name__)
show("count()", lambda: take(5, count()))
show("count(10)", lambda: take(3, count(10)))
show("count(1, 3)", lambda: take(4, count(1, 3)))
show("count(2.5, 0.5)", lambda: take(4, count(2.5, 0.5)))
show("count(step=-1)", lambda: take(3, count(step=-1)))
show("count(2**63 - 2)", lambda: take(4, count(2**63 - 2)))
show("count(1j)", lambda: take(2, count(1j)))
show("repr(count())", lambda: count())
show("repr(count(5, 1))", lambda: count(5, 1))
show("repr(count(5, 2))", lambda: count(5, 2))
show("repr(count(1.5))", lambda: count(1.5))
show("repr(count(0, 1.0))", lambda: count(0, 1.0))
c = count(3)
next(c)
show("repr after next", lambda: c)
show("count('a')", lambda: count('a'))
show("count(1, 'a')", lambda: count(1, 'a'))
show("count(1, 2, 3)", lambda: count(1, 2, 3))
show("count(x=1)", lambda: count(x=1))

show("repeat('a', 3)", lambda: list(repeat('a', 3)))
show("repeat('a', -1)", lambda: list(repeat('a', -1)))
show("repeat('a', 0)", lambda: list(repeat('a', 0)))
show("repeat(None)", lambda: take(3, repeat(None)))
show("repr(repeat('a'))", lambda: repeat('a'))
show("repr(repeat('a', 2))", lambda: repeat('a', 2))
r = repeat(7, 2)
next(r)
show("repr after next", lambda: r)
show("repeat(times=3, object=1)", lambda: list(repeat(times=3, object=1)))
show("repeat()", lambda: repeat())
show("repeat(1, 'a')", lambda: repeat(1, 'a'))
show("repeat(1, 2.0)", lambda: repeat(1, 2.0))

show("cycle('abc')", lambda: take(7, cycle('abc')))
show("cycle([])", lambda: list(cycle([])))
show("cycle(1)", lambda: cycle(1))
show("cycle()", lambda: cycle())

show("chain('ab', [1, 2], ())", lambda: list(chain('ab', [1, 2], ())))
show("chain()", lambda: list(chain()))
show("chain.from_iterable", lambda: list(chain.from_iterable(['ab', 'cd'])))
show("chain.from_iterable(gen)", lambda: take(5, chain.from_iterable(repeat([1, 2]))))
show("chain(1)", lambda: list(chain(1)))
show("chain('a', 1)", lambda: list(chain('a', 1)))
show("chain(x=1)", lambda: chain(x=1))

data = list(range(10))
for args in [(3,), (None,), (2, 8), (2, None), (1, 9, 3), (None, None, 2), (0, 0), (5, 2), (20,), (2, 8, None), (2**70,)]:
    show("islice%r" % (args,), lambda: list(islice(data, *args)))
show("islice(count(), 3, 10, 4)", lambda: list(islice(count(), 3, 10, 4)))
show("islice(-1)", lambda: islice(data, -1))
show("islice('a')", lambda: islice(data, 'a'))
show("islice(-1, 3)", lambda: islice(data, -1, 3))
show("islice(1, 3, 0)", lambda: islice(data, 1, 3, 0))
show("islice(1, 3, -1)", lambda: islice(data, 1, 3, -1))
show("islice(data)", lambda: islice(data))
show("islice(data, 1, 2, 3, 4)", lambda: islice(data, 1, 2, 3, 4))
show("islice(3, 1)", lambda: islice(3, 1))
show("islice(stop=3)", lambda: islice(data, stop=3))
it = iter(range(10))
print(list(islice(it, 2, 4)), next(it))
it = iter(range(10))
print(list(islice(it, 0)), next(it))

show("accumulate", lambda: list(accumulate([1, 2, 3, 4])))
show("accumulate max", lambda: list(accumulate([3, 1, 4, 1, 5], max)))
show("accumulate initial", lambda: list(accumulate([1, 2], initial=100)))
show("accumulate empty initial", lambda: list(accumulate([], initial=1)))
show("accumulate strings", lambda: list(accumulate('abc')))
show("accumulate func=", lambda: list(accumulate([1, 2, 3], func=lambda a, b: a * b)))
show("accumulate mixed", lambda: list(accumulate([1, 'a'])))
show("accumulate()", lambda: accumulate())
show("accumulate(1)", lambda: accumulate(1))

show("starmap(pow)", lambda: list(starmap(pow, [(2, 5), (3, 2), (10, 3)])))
show("starmap bad", lambda: list(starmap(pow, [1])))
show("starmap()", lambda: starmap())

show("takewhile", lambda: list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
show("dropwhile", lambda: list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
show("filterfalse", lambda: list(filterfalse(lambda x: x % 2, range(10))))
show("filterfalse None", lambda: list(filterfalse(None, [0, 1, '', 'a', None, [], [0]])))
show("takewhile(1)", lambda: takewhile(1))
show("dropwhile(None, 1)", lambda: dropwhile(None, 1))

show("compress", lambda: list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])))
show("compress short", lambda: list(compress('ABCDEF', [1, 1])))
show("compress kw", lambda: list(compress(data=[1, 2], selectors=[0, 1])))
show("compress()", lambda: compress())

show("pairwise", lambda: list(pairwise('ABCDE')))
show("pairwise one", lambda: list(pairwise('A')))
show("pairwise empty", lambda: list(pairwise([])))
show("pairwise()", lambda: pairwise())

show("zip_longest", lambda: list(zip_longest('ABCD', 'xy')))
show("zip_longest fill", lambda: list(zip_longest('AB', 'x', [1, 2, 3], fillvalue='-')))
show("zip_longest()", lambda: list(zip_longest()))
show("zip_longest bad kw", lambda: zip_longest('a', fill=1))
show("zip_longest(1)", lambda: zip_longest(1))


class Count(count):
    pass


print(take(3, Count(5)), type(Count(1)).__name__, isinstance(Count(), count))
