match x:
    case C(
        a=b,
        c,
        [d,
         e],
        f=g,
    ):
        pass
