match v:
    case [a] | 1:
        pass
