match m:
    case {'a': 1, **_}:
        pass
