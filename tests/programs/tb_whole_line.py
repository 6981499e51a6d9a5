# no caret line when the failing expression is the whole line
def f():
    raise ValueError("whole line")

def g():
    f()

g()
