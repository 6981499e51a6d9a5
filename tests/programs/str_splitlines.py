# str.splitlines

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"a\\nb\\nc".splitlines()', lambda: "a\nb\nc".splitlines())
t('"a\\nb\\n".splitlines()', lambda: "a\nb\n".splitlines())
t('"a\\r\\nb\\rc".splitlines()', lambda: "a\r\nb\rc".splitlines())
t('"a\\n\\nb".splitlines()', lambda: "a\n\nb".splitlines())
t('"".splitlines()', lambda: "".splitlines())
t('"\\n".splitlines()', lambda: "\n".splitlines())
t('"a\\nb\\n".splitlines(True)', lambda: "a\nb\n".splitlines(True))
t('"a\\r\\nb\\rc\\n".splitlines(keepends=True)', lambda: "a\r\nb\rc\n".splitlines(keepends=True))
t('"a\\x0bb\\x0cc\\x1cd\\x1de\\x1ef\\x85g\\u2028h\\u2029i".splitlines()', lambda: "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i".splitlines())
t('"a\\x0bb\\x85c".splitlines(True)', lambda: "a\x0bb\x85c".splitlines(True))
t('"\\r\\n\\r\\n".splitlines()', lambda: "\r\n\r\n".splitlines())
t('"\\r\\r\\n".splitlines(1)', lambda: "\r\r\n".splitlines(1))
t('"x".splitlines(False)', lambda: "x".splitlines(False))
t('"a\\nb".splitlines(0)', lambda: "a\nb".splitlines(0))
t('"a".splitlines(1.5)', lambda: "a".splitlines(1.5))
t('"a".splitlines("x")', lambda: "a".splitlines("x"))
t('"a".splitlines(x=1)', lambda: "a".splitlines(x=1))
t('"a".splitlines(True, False)', lambda: "a".splitlines(True, False))
t('"no breaks".splitlines()', lambda: "no breaks".splitlines())
