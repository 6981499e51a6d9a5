def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = set(range(10))
out = []
while s:
    out.append(s.pop())
print(out)
s = {100, 5, 37, 8, 1000, 64}
print(s.pop(), s.pop(), s)
s.add(5)
print(s, s.pop(), s)
t(lambda: set().pop())
s = {'a', 'b', 'c', 'd'}
print(sorted([s.pop() for _ in range(4)]), s)
s = set(range(40))
for i in range(30):
    s.pop()
print(s)
s.add(0)
s.add(1)
print(s, s.pop())
s = {1, 2}
s.clear()
print(s, len(s))
s.add(3)
print(s)
