import sys

class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("closing", self.name, sys is not None, Res is not None)

a = Res("a")
b = Res("b")
_private = Res("_private")
in_list = [Res("in list")]
cyclic = Res("cyclic")
cyclic.me = cyclic
last = Res("last")
holder = {"key": Res("in dict")}

def function():
    return a
print("end of program")
