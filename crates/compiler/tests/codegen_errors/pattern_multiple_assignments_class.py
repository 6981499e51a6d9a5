match v:
    case C(x, y=x):
        pass
