@d
class __debug__:
    pass
