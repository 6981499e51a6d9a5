def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(chr(65), chr(97), chr(48), repr(chr(0)), repr(chr(10)), chr(233), chr(0x263A), repr(chr(0x10FFFF)))
print(ord('A'), ord('a'), ord('é'), ord('\u263a'), ord('\U0001F600'), ord(b'a'))
t(lambda: chr(-1))
t(lambda: chr(0x110000))
t(lambda: chr('a'))
t(lambda: chr(1.5))
t(lambda: chr())
t(lambda: chr(2 ** 70))
t(lambda: ord(''))
t(lambda: ord('ab'))
t(lambda: ord(1))
t(lambda: ord())
t(lambda: ord(b''))
class I:
    def __index__(self):
        return 66
print(chr(I()), chr(True))
print([ord(c) for c in ['x', 'y']], [chr(i) for i in range(97, 102)])
