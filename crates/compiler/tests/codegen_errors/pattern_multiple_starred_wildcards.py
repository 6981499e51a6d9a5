match v:
    case [*_, 1, *_]:
        pass
