match z:
    case 1 + 2:
        pass
