match x:
    case [y] as z[0]:
        pass
