class A:
    def m(self, __a, _A__a): pass
