match v:
    case C(__debug__=1):
        pass
