match x:
    case C(a=b, c | d, e as f):
        pass
