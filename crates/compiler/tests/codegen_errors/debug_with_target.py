with a as b, c as __debug__:
    pass
