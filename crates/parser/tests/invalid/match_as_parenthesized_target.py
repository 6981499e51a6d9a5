match v:
    case [x] as (y):
        pass
