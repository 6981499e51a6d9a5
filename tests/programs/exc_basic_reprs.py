# repr and str of exceptions with zero, one and several arguments
for e in [Exception(), Exception("one"), Exception("a", 2), ValueError(""),
          KeyError("k"), KeyError(), KeyError(1, 2), KeyError(("a",)),
          IndexError(5), TypeError(None), RuntimeError([1, 2]),
          BaseException("b"), SystemExit(3), KeyboardInterrupt()]:
    print(type(e).__name__, repr(e), "|" + str(e) + "|", e.args)
e = ValueError("x")
e.args = [1, 2, 3]
print(repr(e), e.args, str(e))
e.args = (4,)
print(repr(e), e.args)
try:
    del e.args
except TypeError as t:
    print("TypeError", t)
print(KeyError("it's"), KeyError('"q"'))
print(repr(ZeroDivisionError("division by zero")))
print(Exception(Exception("nested")))
print(repr(Exception(ValueError(1), KeyError(2))))
