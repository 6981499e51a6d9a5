match x:
    case C(a=b, *c):
        pass
