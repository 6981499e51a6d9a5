match z:
    case -2j - 1j:
        pass
