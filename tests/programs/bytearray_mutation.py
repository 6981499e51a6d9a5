# bytearray mutation: append, extend, pop, insert, remove, clear, reverse, +=, *=

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


def do(name, *args):
    ba = bytearray(b"abc")
    r = getattr(ba, name)(*args)
    return r, ba

def pop_empty():
    return bytearray().pop()

def iadd(x):
    ba = bytearray(b"ab")
    ba += x
    return ba

def imul(n):
    ba = bytearray(b"ab")
    ba *= n
    return ba

def same_after_iadd():
    ba = bytearray(b"a")
    other = ba
    ba += b"b"
    return other is ba, other

def same_after_imul():
    ba = bytearray(b"a")
    other = ba
    ba *= 2
    return other is ba, other


t('do("append", 100)', lambda: do("append", 100))
t('do("append", 0)', lambda: do("append", 0))
t('do("append", 256)', lambda: do("append", 256))
t('do("append", -1)', lambda: do("append", -1))
t('do("append", "a")', lambda: do("append", "a"))
t('do("append", b"a")', lambda: do("append", b"a"))
t('do("append")', lambda: do("append"))
t('do("append", 1, 2)', lambda: do("append", 1, 2))
t('do("extend", b"xy")', lambda: do("extend", b"xy"))
t('do("extend", bytearray(b"z"))', lambda: do("extend", bytearray(b"z")))
t('do("extend", [1, 2])', lambda: do("extend", [1, 2]))
t('do("extend", range(3))', lambda: do("extend", range(3)))
t('do("extend", [256])', lambda: do("extend", [256]))
t('do("extend", "ab")', lambda: do("extend", "ab"))
t('do("extend", 5)', lambda: do("extend", 5))
t('do("extend", ["a"])', lambda: do("extend", ["a"]))
t('do("extend", iter(b"q"))', lambda: do("extend", iter(b"q")))
t('do("pop")', lambda: do("pop"))
t('do("pop", 0)', lambda: do("pop", 0))
t('do("pop", -2)', lambda: do("pop", -2))
t('do("pop", 10)', lambda: do("pop", 10))
t('do("pop", "x")', lambda: do("pop", "x"))
t('pop_empty()', lambda: pop_empty())
t('do("insert", 0, 65)', lambda: do("insert", 0, 65))
t('do("insert", 100, 65)', lambda: do("insert", 100, 65))
t('do("insert", -100, 65)', lambda: do("insert", -100, 65))
t('do("insert", -1, 65)', lambda: do("insert", -1, 65))
t('do("insert", 0, 256)', lambda: do("insert", 0, 256))
t('do("insert", 0)', lambda: do("insert", 0))
t('do("remove", 98)', lambda: do("remove", 98))
t('do("remove", 120)', lambda: do("remove", 120))
t('do("remove", b"b")', lambda: do("remove", b"b"))
t('do("clear")', lambda: do("clear"))
t('do("reverse")', lambda: do("reverse"))
t('do("copy")', lambda: do("copy"))
t('do("copy", 1)', lambda: do("copy", 1))
t('iadd(b"xy")', lambda: iadd(b"xy"))
t('iadd(bytearray(b"q"))', lambda: iadd(bytearray(b"q")))
t('iadd("xy")', lambda: iadd("xy"))
t('iadd(5)', lambda: iadd(5))
t('iadd([1])', lambda: iadd([1]))
t('imul(3)', lambda: imul(3))
t('imul(0)', lambda: imul(0))
t('imul(-1)', lambda: imul(-1))
t('imul(1.5)', lambda: imul(1.5))
t('same_after_iadd()', lambda: same_after_iadd())
t('same_after_imul()', lambda: same_after_imul())
t('bytearray(b"ab").__alloc__() >= 3', lambda: bytearray(b"ab").__alloc__() >= 3)
