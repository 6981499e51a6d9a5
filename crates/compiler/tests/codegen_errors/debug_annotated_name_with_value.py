class C:
    __debug__: int = 1
