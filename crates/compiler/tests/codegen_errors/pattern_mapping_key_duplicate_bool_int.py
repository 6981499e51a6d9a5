match v:
    case {True: a, 1: b}:
        pass
