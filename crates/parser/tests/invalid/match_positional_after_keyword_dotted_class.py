match x:
    case a.b.C(x, d=e, f.g, [h], *i):
        pass
