def describe(x):
    match x:
        case 0 | 1:
            return "small"
        case int(n) if n < 0:
            return f"negative {n}"
        case [a, b]:
            return f"pair {a} {b}"
        case [first, *rest]:
            return f"list starting {first} with {len(rest)} more"
        case {"name": name, **others}:
            return f"named {name} {sorted(others)}"
        case str() as s:
            return f"string {s!r}"
        case Point(x=0, y=yy):
            return f"on the y axis at {yy}"
        case Point(a, b):
            return f"point {a},{b}"
        case None:
            return "nothing"
        case _:
            return "other"

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

for value in [0, 1, -5, 7, [1, 2], [1, 2, 3], (4, 5), {"name": "n", "a": 1, "b": 2}, "s", Point(0, 3), Point(1, 2), None, 2.5, {}]:
    print(repr(value) if not isinstance(value, Point) else "Point", "->", describe(value))

match (1, (2, 3)):
    case (a, (b, c)):
        print(a, b, c)

class C:
    pass

try:
    match C():
        case C(1):
            pass
except TypeError as e:
    print(e)

