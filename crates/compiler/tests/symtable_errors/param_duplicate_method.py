class A:
    def m(self, self): pass
