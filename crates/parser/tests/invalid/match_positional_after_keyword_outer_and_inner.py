match x:
    case C(a=b, c, D(e=f, g)):
        pass
