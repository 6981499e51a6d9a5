# __context__ and __cause__ of exceptions raised in an except clause
try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError("outer")
except ValueError as err:
    print(repr(err.__context__), err.__cause__, err.__suppress_context__)
try:
    try:
        raise KeyError("inner")
    except KeyError as k:
        raise ValueError("outer") from k
except ValueError as err:
    print(repr(err.__context__), repr(err.__cause__), err.__suppress_context__)
try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError("outer") from None
except ValueError as err:
    print(repr(err.__context__), err.__cause__, err.__suppress_context__)
