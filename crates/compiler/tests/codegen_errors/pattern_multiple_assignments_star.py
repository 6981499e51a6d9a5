match v:
    case [x, *x]:
        pass
