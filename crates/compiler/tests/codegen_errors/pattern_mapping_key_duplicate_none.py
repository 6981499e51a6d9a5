match v:
    case {None: a, None: b}:
        pass
