match v:
    case {1: a, 1: c, f"x": b}:
        pass
