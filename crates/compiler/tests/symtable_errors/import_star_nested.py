def f():
    def g():
        from os.path import *
