# __traceback__, tb_next, tb_lineno and with_traceback
def a():
    b()

def b():
    raise ValueError("deep")

try:
    a()
except ValueError as e:
    tb = e.__traceback__
    lines = []
    while tb is not None:
        lines.append(tb.tb_lineno)
        tb = tb.tb_next
    print(lines)
    saved = e
print(saved.__traceback__ is not None)
e2 = KeyError("k")
print(e2.__traceback__)
print(e2.with_traceback(saved.__traceback__) is e2, e2.__traceback__ is saved.__traceback__)
print(e2.with_traceback(None).__traceback__)
try:
    e2.with_traceback(5)
except TypeError as t:
    print("TypeError:", t)
try:
    raise e2.with_traceback(saved.__traceback__)
except KeyError as k:
    tb = k.__traceback__
    count = 0
    while tb is not None:
        count += 1
        tb = tb.tb_next
    print("entries", count)
