class C:
    def f(self, *, __debug__=1):
        pass
