# an exception class from another module is named with its module
class ParseError(Exception):
    __module__ = "parsers.core"

class Unknown(Exception):
    __module__ = 5

try:
    raise Unknown("no module str")
except Unknown as e:
    print("caught", e)
raise ParseError("bad token")
