class C:
    def f(self) -> 1():
        pass
