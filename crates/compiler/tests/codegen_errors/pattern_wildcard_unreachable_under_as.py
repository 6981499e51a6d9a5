match v:
    case (_ as y):
        pass
    case 1:
        pass
