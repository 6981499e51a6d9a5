match v:
    case {1: a, f"x": b, 1: c}:
        pass
