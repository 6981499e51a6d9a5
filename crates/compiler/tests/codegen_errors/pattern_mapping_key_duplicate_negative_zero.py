match v:
    case {0.0: a, -0.0: b}:
        pass
