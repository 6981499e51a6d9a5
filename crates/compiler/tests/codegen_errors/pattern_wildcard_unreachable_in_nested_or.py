match v:
    case [1, (_ | 2)] | _:
        pass
    case 1:
        pass
