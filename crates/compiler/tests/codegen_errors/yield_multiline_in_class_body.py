class C:
    x = (yield
         1)
