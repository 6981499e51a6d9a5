match v:
    case [a] | [b]:
        pass
