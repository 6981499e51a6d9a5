class a.B:
    pass
