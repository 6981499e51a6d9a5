def f():
    if x:
        from . import *
