match x:
    case C(a=b, c, d=1j+1):
        pass
