# str indexing and slicing, with CPython's errors

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


s = 'hello'
u = 'h\xe9llo\u20ac'
w = 'a\U0001f600b'
e = ''
big = 'x'

t('s[0]', lambda: s[0])
t('s[4]', lambda: s[4])
t('s[-1]', lambda: s[-1])
t('s[-5]', lambda: s[-5])
t('s[5]', lambda: s[5])
t('s[-6]', lambda: s[-6])
t('s[1.5]', lambda: s[1.5])
t('s["x"]', lambda: s["x"])
t('s[None]', lambda: s[None])
t('s[True]', lambda: s[True])
t('s[1:3]', lambda: s[1:3])
t('s[:]', lambda: s[:])
t('s[::-1]', lambda: s[::-1])
t('s[::2]', lambda: s[::2])
t('s[1::2]', lambda: s[1::2])
t('s[-3:]', lambda: s[-3:])
t('s[:-3]', lambda: s[:-3])
t('s[10:]', lambda: s[10:])
t('s[-10:2]', lambda: s[-10:2])
t('s[3:1]', lambda: s[3:1])
t('s[::-2]', lambda: s[::-2])
t('s[4:0:-1]', lambda: s[4:0:-1])
t('s[1:4:0]', lambda: s[1:4:0])
t('s[1.0:2]', lambda: s[1.0:2])
t('s[None:None:None]', lambda: s[None:None:None])
t('s[::3]', lambda: s[::3])
t('u[1]', lambda: u[1])
t('u[1:3]', lambda: u[1:3])
t('u[::-1]', lambda: u[::-1])
t('w[0]', lambda: w[0])
t('w[1:]', lambda: w[1:])
t('w[::-1]', lambda: w[::-1])
t('len(w)', lambda: len(w))
t('len(u)', lambda: len(u))
t('e[0:0]', lambda: e[0:0])
t('e[:]', lambda: e[:])
t('e[0]', lambda: e[0])
t('big[10**20]', lambda: big[10**20])
t('s[10**20:]', lambda: s[10**20:])
t('s[-10**20:]', lambda: s[-10**20:])
t('s[slice(1, 3)]', lambda: s[slice(1, 3)])
t('s[slice(None, None, -1)]', lambda: s[slice(None, None, -1)])
t('len(s[2:2])', lambda: len(s[2:2]))
t('type(s[0])', lambda: type(s[0]))
t('type(s[0:1])', lambda: type(s[0:1]))
