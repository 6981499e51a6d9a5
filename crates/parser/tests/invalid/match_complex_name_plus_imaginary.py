match z:
    case x + 1j:
        pass
