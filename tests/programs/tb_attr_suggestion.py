# a misspelt attribute of an object
class Point:
    def __init__(self):
        self.x = 1
        self.y = 2
    def norm(self):
        return self.x

p = Point()
print(p.norm())
e = AttributeError("custom", name="nrom", obj=p)
print(e.name, e.obj is p)
raise e
