match x:
    case C(x, a=b, c, d, e=f):
        pass
