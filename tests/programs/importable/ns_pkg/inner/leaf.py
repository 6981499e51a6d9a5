from . import sibling
NAME = __name__ + " with " + sibling.NAME
