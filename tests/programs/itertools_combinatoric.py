import itertools as it

def attempt(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        print(list(r) if hasattr(r, '__next__') else r)
    except Exception as e:
        print(type(e).__name__, e)

print(list(it.product('ab', range(2), repeat=2)))
print(list(it.product()), list(it.product('ab', repeat=0)), list(it.product('ab', '')), list(it.product('abc')))
print(list(it.permutations('abc', 2)), list(it.permutations('ab', 0)), list(it.permutations('ab', 3)))
print(list(it.permutations(range(4))))
print(list(it.permutations([1, 2], None)))
print(list(it.combinations('abcd', 2)), list(it.combinations('ab', 0)), list(it.combinations('ab', 3)))
print(list(it.combinations(range(5), 3)))
print(list(it.combinations_with_replacement('abc', 2)), list(it.combinations_with_replacement('', 0)), list(it.combinations_with_replacement('', 1)))
print(list(it.combinations_with_replacement(range(3), 3)))
print(len(list(it.product(range(3), repeat=4))), len(list(it.permutations(range(6), 4))), len(list(it.combinations(range(10), 4))))
attempt(it.product, repeat=-1)
attempt(it.product, [1], foo=1)
attempt(it.product, [1], repeat='a')
attempt(it.product, 1)
attempt(it.combinations, [1], -1)
attempt(it.combinations, [1])
attempt(it.combinations, [1], 'a')
attempt(it.combinations_with_replacement, [1], -1)
attempt(it.permutations, [1], -1)
attempt(it.permutations, [1], 'a')
attempt(it.permutations, [1], 1.0)
p = it.product('ab', 'cd')
print(type(p).__name__, type(p).__module__, iter(p) is p, next(p), next(p))
print(type(it.combinations('a', 1)).__name__, type(it.permutations('a')).__name__, type(it.combinations_with_replacement('a', 1)).__name__)
