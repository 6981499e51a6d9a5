def f():
    from a import b, __debug__
