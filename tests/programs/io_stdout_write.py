# sys.stdout and its buffer: writes through the text layer and straight
# to the buffer come out in CPython's order, and the standard streams
# have CPython's attributes.
import sys

print("first")
sys.stdout.write("second\n")
sys.stdout.buffer.write(b"third (buffer)\n")
print("fourth", flush=True)
sys.stdout.buffer.write(b"fifth (buffer)\n")
sys.stdout.flush()
sys.stdout.buffer.write(b"sixth (buffer)\n")
print("seventh")
print(sys.stdout.write("8\n"), sys.stdout.buffer.write(b"9\n"))
out = sys.stdout
print(type(out).__name__, out.encoding, out.errors, out.mode, out.name)
raw = getattr(out.buffer, "raw", out.buffer)
print(type(raw).__name__, raw.name, raw.mode, raw.closefd)
print(out.fileno(), out.writable(), out.readable(), out.closed, out.line_buffering)
print(sys.stderr.errors, sys.stderr.line_buffering, sys.stderr.name, sys.stderr.fileno())
print(sys.stdin.name, sys.stdin.mode, sys.stdin.fileno(), sys.stdin.readable())
print(sys.__stdout__ is sys.stdout, sys.__stderr__ is sys.stderr)
sys.stderr.write("to stderr\n")
print("error line", file=sys.stderr)
try:
    sys.stdout.write(b"bytes")
except TypeError as e:
    print(type(e).__name__, e)
try:
    input("prompt> ")
except EOFError as e:
    print(type(e).__name__, e)
saved = sys.stdout
sys.stdout = None
print("lost")
sys.stdout = saved
print("last")
