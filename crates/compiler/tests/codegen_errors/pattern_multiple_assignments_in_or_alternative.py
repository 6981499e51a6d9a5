match v:
    case [x, 1] | [x, *x]:
        pass
