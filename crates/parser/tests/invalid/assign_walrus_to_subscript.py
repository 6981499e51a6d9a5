while (d[k] := next(it)):
    pass
