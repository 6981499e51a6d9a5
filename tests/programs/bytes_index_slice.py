# bytes repr, indexing and slicing

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


b = b"hello"

t('b', lambda: b)
t('repr(b"\\x00\\x7f\\x80\\xff")', lambda: repr(b"\x00\x7f\x80\xff"))
t('repr(b"\'")', lambda: repr(b"'"))
t('repr(b"\\"")', lambda: repr(b"\""))
t('repr(b"\'\\"")', lambda: repr(b"'\""))
t('repr(b"\\\\\\t\\n\\r")', lambda: repr(b"\\\t\n\r"))
t('str(b"ab")', lambda: str(b"ab"))
t('b[0]', lambda: b[0])
t('b[-1]', lambda: b[-1])
t('b[5]', lambda: b[5])
t('b[-6]', lambda: b[-6])
t('b[1.5]', lambda: b[1.5])
t('b["x"]', lambda: b["x"])
t('b[None]', lambda: b[None])
t('b[1:3]', lambda: b[1:3])
t('b[::-1]', lambda: b[::-1])
t('b[::2]', lambda: b[::2])
t('b[10:]', lambda: b[10:])
t('b[3:1]', lambda: b[3:1])
t('b[1:4:0]', lambda: b[1:4:0])
t('len(b)', lambda: len(b))
t('len(b"")', lambda: len(b""))
t('b[True]', lambda: b[True])
t('b[-10**20:]', lambda: b[-10**20:])
t('b[10**20]', lambda: b[10**20])
t('b"\\xff"[0]', lambda: b"\xff"[0])
t('type(b[0])', lambda: type(b[0]))
t('type(b[:1])', lambda: type(b[:1]))
