match v:
    case {"ab": a, "a" "b": b}:
        pass
