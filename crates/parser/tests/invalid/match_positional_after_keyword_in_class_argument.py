match x:
    case C(a=b, D(x, y=z, w)):
        pass
