match x:
    case int() as _:
        pass
