class C(
    B,
    __debug__=1,
):
    pass
