match v:
    case [a, (1 | b)]:
        pass
