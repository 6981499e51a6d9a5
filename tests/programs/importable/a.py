from .sub import b
X = "a" + b.Y
