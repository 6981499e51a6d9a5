def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

l = list(range(10))
l[2:4] = ['a', 'b', 'c']
print(l)
l[:0] = [-1]
print(l)
l[len(l):] = [99]
print(l)
l[1:3] = []
print(l)
l[::2] = range(len(l[::2]))
print(l)
def bad():
    m = [1, 2, 3, 4]
    m[::2] = [1]
t(bad)
def bad2():
    m = [1, 2, 3]
    m[::-1] = [1, 2]
t(bad2)
m = [1, 2, 3, 4, 5]
m[::-1] = ['a', 'b', 'c', 'd', 'e']
print(m)
del m[::2]
print(m)
m = list(range(10))
del m[1:8:3]
print(m)
del m[-2:]
print(m)
del m[:]
print(m)
m = [1, 2, 3]
m[1:2] = m
print(m)
m = [1, 2, 3]
m[5:10] = [4]
print(m)
m[-100:1] = ['x']
print(m)
m[3:1] = ['y']
print(m)
def bad3():
    n = [1]
    n[0:1] = 5
t(bad3)
def bad4():
    n = [1]
    n[::0] = []
t(bad4)
n = [0] * 5
n[1:4:2] = 'ab' if False else ['a', 'b']
print(n)
n[::-2] = [7, 8, 9]
print(n)
del n[::-1]
print(n)
n = [1, 2, 3]
n[0] = 'z'
n[-1] = 'y'
print(n)
def idx():
    n[3] = 0
t(idx)
def idx2():
    del n[5]
t(idx2)
del n[0]
print(n)
def key():
    n['a'] = 1
t(key)
