match v:
    case [x] as x:
        pass
