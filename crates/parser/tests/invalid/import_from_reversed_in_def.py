def f():
    import path from os
