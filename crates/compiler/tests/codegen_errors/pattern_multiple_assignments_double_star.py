match v:
    case {"a": x, **x}:
        pass
