match v:
    case é:
        pass
    case _:
        pass
