match v:
    case C(1, y=[1], x=2, z=3, x=(4)):
        pass
