match v:
    case {f"x": 1}:
        pass
