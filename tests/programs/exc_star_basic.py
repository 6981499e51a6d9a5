# except*: each clause gets the matching part of the group
def raise_group():
    raise ExceptionGroup("batch", [ValueError(1), TypeError(2), ValueError(3),
                                   ExceptionGroup("nested", [KeyError(4), TypeError(5)])])

try:
    raise_group()
except* ValueError as eg:
    print("ValueError part:", repr(eg))
except* TypeError as eg:
    print("TypeError part:", repr(eg))
except* KeyError as eg:
    print("KeyError part:", repr(eg), type(eg).__name__)
print("all handled")

try:
    try:
        raise_group()
    except* ValueError:
        print("only values")
except ExceptionGroup as rest:
    print("left over:", repr(rest))

try:
    raise KeyError("naked")
except* KeyError as eg:
    print("wrapped:", repr(eg), type(eg).__name__, eg.exceptions)

try:
    try:
        raise ValueError("not matched")
    except* TypeError:
        print("never")
except ValueError as e:
    print("passed through unwrapped:", repr(e))
