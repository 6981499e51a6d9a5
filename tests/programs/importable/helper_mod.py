print("loading helper_mod", __name__)
VALUE = 42
def f():
    return "f from helper"
_private = 1
