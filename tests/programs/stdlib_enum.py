# The enum module: Enum, IntEnum, Flag, IntFlag, StrEnum, auto, unique.
import enum
from enum import Enum, IntEnum, Flag, IntFlag, StrEnum, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


print(Color.RED, repr(Color.RED), Color(2), Color["BLUE"])
print(list(Color), len(Color), Color.RED in Color)
print(Color.RED.name, Color.RED.value, Color.GREEN is Color(2))
print([m.name for m in Color], list(Color.__members__))
print(Color.RED == 1, Color.RED == Color.RED, hash(Color.RED) == hash(Color.RED))
print(isinstance(Color.RED, Color), type(Color.RED).__name__)
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)
try:
    Color["PURPLE"]
except KeyError as e:
    print("KeyError", e)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError", e)


class Shape(IntEnum):
    CIRCLE = 1
    SQUARE = 2


print(Shape.CIRCLE + 1, Shape.SQUARE == 2, Shape(1), repr(Shape.SQUARE), f"{Shape.SQUARE}")
print(sorted([Shape.SQUARE, Shape.CIRCLE]), int(Shape.SQUARE))


class Perm(Flag):
    R = 4
    W = 2
    X = 1


rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, list(rw), bool(Perm(0)))
print(~Perm.R, Perm.R & Perm.W, Perm(7))


class IPerm(IntFlag):
    R = 4
    W = 2
    X = 1


print(IPerm.R | IPerm.W, int(IPerm.R | 1), repr(IPerm(3)), IPerm.R | 8)


class Auto(Enum):
    A = auto()
    B = auto()
    C = auto()


print([(m.name, m.value) for m in Auto])


class Lower(StrEnum):
    X = auto()
    Y = "why"


print(Lower.X, Lower.Y, Lower.X == "x", Lower.Y.upper(), repr(Lower.X))

try:

    @unique
    class Dup(Enum):
        A = 1
        B = 1

except ValueError as e:
    print("ValueError", e)


class Aliased(Enum):
    A = 1
    B = 1


print(Aliased.B is Aliased.A, list(Aliased), list(Aliased.__members__))


class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def surface_gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)


print(round(Planet.EARTH.surface_gravity, 2), Planet.MERCURY.value)

Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value)
Num = IntEnum("Num", [("ONE", 1), ("TWO", 2)])
print(Num.TWO + Num.ONE)


class WithMethods(Enum):
    A = 1
    B = 2

    def describe(self):
        return f"{self.name}={self.value}"

    @classmethod
    def first(cls):
        return next(iter(cls))


print(WithMethods.B.describe(), WithMethods.first())
print(Color.RED.__reduce_ex__(2))
import copy

print(copy.copy(Color.RED) is Color.RED, copy.deepcopy(Shape.CIRCLE) is Shape.CIRCLE)
print(format(Color.RED), str(Shape.CIRCLE), format(Shape.CIRCLE, ">5"))
print(enum.Flag.__members__ if hasattr(enum.Flag, "__members__") else None)
print(Perm.__members__.keys())


class Ordered(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    ALPHA = auto()
    BETA = auto()


print([m.value for m in Ordered])
print(dir(Color))
match Color.GREEN:
    case Color.RED:
        print("red")
    case Color.GREEN:
        print("green")
