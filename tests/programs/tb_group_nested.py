# groups inside groups, with notes and a cause inside
def make():
    try:
        raise KeyError("deep")
    except KeyError as k:
        inner = k
    inner_group = ExceptionGroup("inner", [inner, ValueError("v")])
    inner_group.add_note("a note on the inner group")
    return ExceptionGroup("outer", [inner_group, ZeroDivisionError("z")])

try:
    raise make()
except* ZeroDivisionError:
    pass
