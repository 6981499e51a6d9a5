class A:
    def f(self):
        print(__x)
        global __x
