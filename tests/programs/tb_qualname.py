# the exception's name in the report: qualified by its class nesting
class Outer:
    class InnerError(LookupError):
        pass

def f():
    raise Outer.InnerError("nested class")

f()
