# StringIO's newline argument: what is stored, how lines split, and the
# newlines seen.
from _io import StringIO

text = "one\ntwo\r\nthree\rfour"
for newline in [None, "", "\n", "\r", "\r\n"]:
    s = StringIO(text, newline=newline)
    print(repr(newline), repr(s.getvalue()), s.newlines)
    print("   lines:", s.readlines())
    s = StringIO(newline=newline)
    s.write("a\r")
    s.write("\nb\n")
    print("   written:", repr(s.getvalue()), s.newlines)

for bad in ["x", "\n\n", " "]:
    try:
        StringIO(newline=bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    StringIO(newline=5)
except TypeError as e:
    print(type(e).__name__, e)

s = StringIO("a\r\nb", newline=None)
print(repr(s.read()), s.tell(), repr(s.getvalue()))
s = StringIO("x\ry\nz", newline="")
print([s.readline(), s.readline(), s.readline(), s.readline()])
