match v:
    case _ | 1:
        pass
