match p:
    case P(x=):
        pass
