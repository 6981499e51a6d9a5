match p:
    case [Point(x=0, y=1, z), *rest]:
        pass
