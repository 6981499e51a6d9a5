match m:
    case {'k': v as _}:
        pass
