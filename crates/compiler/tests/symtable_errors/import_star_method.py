class A:
    def m(self):
        from .mod import *
