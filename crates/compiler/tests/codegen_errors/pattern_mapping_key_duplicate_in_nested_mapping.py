match v:
    case {"a": {0: x, False: y}}:
        pass
