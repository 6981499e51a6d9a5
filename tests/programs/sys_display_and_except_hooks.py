# sys.displayhook echoes a value and keeps it as builtins._;
# sys.excepthook reports an exception; an uncaught exception goes through
# the hook, and a hook that fails is reported with the original.
import builtins
import sys

print(sys.displayhook is sys.__displayhook__, sys.excepthook is sys.__excepthook__)
sys.displayhook(5)
print(builtins._)
sys.displayhook(None)
print(builtins._)
sys.displayhook("text")
try:
    sys.displayhook()
except TypeError as e:
    print(e)

try:
    sys.displayhook(1, 2)
except TypeError as e:
    print(e)
for args in [(), (1, 2, 3, 4)]:
    try:
        sys.excepthook(*args)
    except TypeError as e:
        print(e)

sys.excepthook(TypeError, TypeError("reported"), None)
sys.excepthook(1, 2, 3)
try:
    raise KeyError("with traceback")
except KeyError as e:
    sys.excepthook(type(e), e, e.__traceback__)
sys.stderr.flush()


def failing_hook(*args):
    raise ValueError("in the hook")


sys.excepthook = failing_hook
raise RuntimeError("uncaught")
