match v:
    case 1:
    case 2:
        pass
