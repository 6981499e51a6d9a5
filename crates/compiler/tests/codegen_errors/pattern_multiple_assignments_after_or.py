match v:
    case [x, ([x] | (x,))]:
        pass
