class C:
    def f(self):
        class D:
            return self
