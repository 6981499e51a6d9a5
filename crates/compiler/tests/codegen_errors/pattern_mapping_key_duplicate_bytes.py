match v:
    case {b"x": a, "x": b, b"x": c}:
        pass
