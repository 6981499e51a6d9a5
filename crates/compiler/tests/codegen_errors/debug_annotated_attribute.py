x.__debug__: int
