# raising an exception that carries a traceback from elsewhere
def source():
    raise ValueError("original")

try:
    source()
except ValueError as e:
    tb = e.__traceback__

raise RuntimeError("moved").with_traceback(tb)
