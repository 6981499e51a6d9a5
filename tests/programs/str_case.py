# str case mappings on ASCII text

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"Hello World".upper()', lambda: "Hello World".upper())
t('"Hello World".lower()', lambda: "Hello World".lower())
t('"hello world".title()', lambda: "hello world".title())
t('"hELLO wORLD".swapcase()', lambda: "hELLO wORLD".swapcase())
t('"hello world".capitalize()', lambda: "hello world".capitalize())
t('"HELLO".capitalize()', lambda: "HELLO".capitalize())
t('"Hello".casefold()', lambda: "Hello".casefold())
t('"they\'re bill\'s friends".title()', lambda: "they're bill's friends".title())
t('"a1b2 c3".title()', lambda: "a1b2 c3".title())
t('"123abc".capitalize()', lambda: "123abc".capitalize())
t('"".upper()', lambda: "".upper())
t('"".title()', lambda: "".title())
t('"".capitalize()', lambda: "".capitalize())
t('"ABC def".swapcase()', lambda: "ABC def".swapcase())
t('"__init__".title()', lambda: "__init__".title())
t('"x".upper(1)', lambda: "x".upper(1))
t('"x".lower(1)', lambda: "x".lower(1))
t('"x".title(x=1)', lambda: "x".title(x=1))
t('"mIxEd_CaSe-1".lower()', lambda: "mIxEd_CaSe-1".lower())
t('"mIxEd_CaSe-1".upper()', lambda: "mIxEd_CaSe-1".upper())
t('"o\'neil mcdonald".title()', lambda: "o'neil mcdonald".title())
t('"ab\\tcd".title()', lambda: "ab\tcd".title())
