match v:
    case 1 | x:
        pass
    case 2:
        pass
