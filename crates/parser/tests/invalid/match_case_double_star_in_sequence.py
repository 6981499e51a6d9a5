match s:
    case [**x]:
        pass
