f = lambda *, **kw: 0
