def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(bin(0), bin(5), bin(-5), bin(2 ** 70), oct(0), oct(8), oct(-8), hex(0), hex(255), hex(-255), hex(2 ** 64))
print(bin(True), hex(False), oct(2 ** 40))
t(lambda: bin(1.5))
t(lambda: hex('a'))
t(lambda: oct(None))
t(lambda: bin())
t(lambda: hex(1, 2))
class I:
    def __index__(self):
        return 10
print(bin(I()), oct(I()), hex(I()))
