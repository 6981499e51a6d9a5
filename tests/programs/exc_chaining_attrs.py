# __cause__, __context__, __suppress_context__ and their checks
e = ValueError("v")
print(e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__)
e.__cause__ = KeyError("k")
print(repr(e.__cause__), e.__suppress_context__)
e.__cause__ = None
print(e.__cause__, e.__suppress_context__)
e.__suppress_context__ = False
e.__context__ = TypeError("t")
print(repr(e.__context__))
for attr, value in [("__cause__", 1), ("__context__", "x"), ("__traceback__", 5)]:
    try:
        setattr(e, attr, value)
    except TypeError as err:
        print("TypeError:", err)
for attr in ["__cause__", "__context__", "__traceback__", "__suppress_context__"]:
    try:
        delattr(e, attr)
    except TypeError as err:
        print("TypeError:", err)
try:
    raise ValueError from TypeError
except ValueError as err:
    print(repr(err), repr(err.__cause__))
try:
    raise ValueError from 5
except TypeError as err:
    print("TypeError:", err)
try:
    raise 5
except TypeError as err:
    print("TypeError:", err)
class NotExc:
    pass
try:
    raise NotExc
except TypeError as err:
    print("TypeError:", err)
