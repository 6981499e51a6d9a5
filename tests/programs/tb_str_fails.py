# an exception whose str() raises, and one with an empty str
class Broken(Exception):
    def __str__(self):
        raise RuntimeError("no str")

class Empty(Exception):
    def __str__(self):
        return ""

try:
    raise Empty("hidden")
except Empty as e:
    print("empty:", repr(str(e)))
raise Broken("x")
