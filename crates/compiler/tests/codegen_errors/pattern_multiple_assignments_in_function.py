def f(v):
    match v:
        case 1:
            pass
        case {"k": [a, {"j": a}]}:
            pass
