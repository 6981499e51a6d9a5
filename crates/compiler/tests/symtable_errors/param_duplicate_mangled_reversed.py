class A:
    def m(self, _A__a, __a): pass
