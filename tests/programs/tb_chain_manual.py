# chains made by hand: __context__ and __cause__ set as attributes
def first():
    raise ValueError("first problem")

try:
    first()
except ValueError as e:
    saved = e

second = KeyError("second problem")
second.__context__ = saved
third = RuntimeError("third problem")
third.__cause__ = second
raise third
