match v:
    case [1] | [a]:
        pass
