match z:
    case -1 - 5:
        pass
