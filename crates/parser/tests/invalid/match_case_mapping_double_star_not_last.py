match m:
    case {**rest, 'a': 1}:
        pass
