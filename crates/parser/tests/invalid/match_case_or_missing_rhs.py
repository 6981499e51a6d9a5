match v:
    case 1 |:
        pass
