# bytearray item and slice assignment and deletion

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


def setitem(key, value):
    ba = bytearray(b"abcde")
    ba[key] = value
    return ba

def delitem(key):
    ba = bytearray(b"abcde")
    del ba[key]
    return ba

def self_assign():
    ba = bytearray(b"abc")
    ba[1:2] = ba
    return ba

def iterate_while_growing():
    ba = bytearray(b"ab")
    seen = []
    for x in ba:
        seen.append(x)
        if len(ba) < 5:
            ba.append(x + 1)
    return seen, ba


t('setitem(0, 65)', lambda: setitem(0, 65))
t('setitem(-1, 65)', lambda: setitem(-1, 65))
t('setitem(5, 65)', lambda: setitem(5, 65))
t('setitem(0, 256)', lambda: setitem(0, 256))
t('setitem(0, -1)', lambda: setitem(0, -1))
t('setitem(0, b"a")', lambda: setitem(0, b"a"))
t('setitem(0, "a")', lambda: setitem(0, "a"))
t('setitem("x", 1)', lambda: setitem("x", 1))
t('setitem(1.5, 1)', lambda: setitem(1.5, 1))
t('setitem(slice(1, 3), b"XYZ")', lambda: setitem(slice(1, 3), b"XYZ"))
t('setitem(slice(1, 3), b"")', lambda: setitem(slice(1, 3), b""))
t('setitem(slice(None), b"new")', lambda: setitem(slice(None), b"new"))
t('setitem(slice(0, 0), b"pre")', lambda: setitem(slice(0, 0), b"pre"))
t('setitem(slice(10, 20), b"end")', lambda: setitem(slice(10, 20), b"end"))
t('setitem(slice(3, 1), b"mid")', lambda: setitem(slice(3, 1), b"mid"))
t('setitem(slice(None, None, 2), b"XYZ")', lambda: setitem(slice(None, None, 2), b"XYZ"))
t('setitem(slice(None, None, 2), b"XY")', lambda: setitem(slice(None, None, 2), b"XY"))
t('setitem(slice(None, None, -1), b"edcba")', lambda: setitem(slice(None, None, -1), b"edcba"))
t('setitem(slice(1, 3), [1, 2, 3])', lambda: setitem(slice(1, 3), [1, 2, 3]))
t('setitem(slice(1, 3), bytearray(b"q"))', lambda: setitem(slice(1, 3), bytearray(b"q")))
t('setitem(slice(1, 3), 5)', lambda: setitem(slice(1, 3), 5))
t('setitem(slice(1, 3), "ab")', lambda: setitem(slice(1, 3), "ab"))
t('setitem(slice(1, 3), [300])', lambda: setitem(slice(1, 3), [300]))
t('setitem(slice(1, 3), None)', lambda: setitem(slice(1, 3), None))
t('setitem(slice(1, 3), range(2))', lambda: setitem(slice(1, 3), range(2)))
t('delitem(0)', lambda: delitem(0))
t('delitem(-1)', lambda: delitem(-1))
t('delitem(10)', lambda: delitem(10))
t('delitem("x")', lambda: delitem("x"))
t('delitem(slice(1, 3))', lambda: delitem(slice(1, 3)))
t('delitem(slice(None, None, 2))', lambda: delitem(slice(None, None, 2)))
t('delitem(slice(None, None, -2))', lambda: delitem(slice(None, None, -2)))
t('delitem(slice(None))', lambda: delitem(slice(None)))
t('delitem(slice(4, 1))', lambda: delitem(slice(4, 1)))
t('self_assign()', lambda: self_assign())
t('iterate_while_growing()', lambda: iterate_while_growing())
