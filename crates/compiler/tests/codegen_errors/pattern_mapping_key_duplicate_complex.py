match v:
    case {1+0j: a, 1: b}:
        pass
