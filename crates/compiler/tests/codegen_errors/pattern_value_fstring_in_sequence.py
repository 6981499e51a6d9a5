match v:
    case [1, f"{v}"]:
        pass
