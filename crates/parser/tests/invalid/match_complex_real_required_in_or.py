match z:
    case 0 | 3j + 4j:
        pass
