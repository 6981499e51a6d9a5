# _stat and stat: constants, file type tests, filemode.
import _stat, stat, os
print(sorted((k, getattr(_stat, k)) for k in dir(_stat) if k.isupper() and isinstance(getattr(_stat, k), int)))
for mode in [0o170777, 0o10644, 0o4755 | 0o40000, 0o1777 | 0o40000, 0o2000 | 0o100000, 0o120777, 0o140600, 0o60660, 0o20620, 0o3070 | 0o100000]:
    print(oct(mode), _stat.filemode(mode), stat.filemode(mode), _stat.S_IMODE(mode), _stat.S_IFMT(mode),
          [f(mode) for f in (_stat.S_ISDIR, _stat.S_ISCHR, _stat.S_ISBLK, _stat.S_ISREG, _stat.S_ISFIFO,
                             _stat.S_ISLNK, _stat.S_ISSOCK, _stat.S_ISDOOR, _stat.S_ISPORT, _stat.S_ISWHT)])
print(stat.S_ISDIR(os.stat('.').st_mode), stat.S_ISREG(os.stat('.').st_mode), stat.S_IMODE is _stat.S_IMODE)
for f in [lambda: _stat.S_ISDIR('x'), lambda: _stat.S_IMODE(-1), lambda: _stat.filemode(2**40),
          lambda: _stat.S_ISDIR(2**40), lambda: _stat.S_ISDIR(), lambda: _stat.filemode(1.5), lambda: _stat.S_ISREG(True)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
