**kw = d
