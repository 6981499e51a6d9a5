print("importable init", __name__, __package__)
from . import a
