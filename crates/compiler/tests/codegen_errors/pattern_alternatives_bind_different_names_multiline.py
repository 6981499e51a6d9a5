match v:
    case (
        {"x": a, "y": b}
        | [
            a,
            c,
        ]
    ):
        pass
