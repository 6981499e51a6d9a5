match v:
    case [x, x]:
        pass
    case {1: a, 1: b}:
        pass
