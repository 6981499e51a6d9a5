match x:
    case C(a=b, c, d as 1, e):
        pass
