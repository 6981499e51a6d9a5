def f():
    class A:
        nonlocal x
