match x:
    case C(a=b, c as _):
        pass
