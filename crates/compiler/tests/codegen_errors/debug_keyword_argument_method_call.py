o.m(
    __debug__=1,
)
