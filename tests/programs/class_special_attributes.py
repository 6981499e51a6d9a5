# Assigning and deleting a class's __name__, __qualname__ and __module__.
class C:
    pass
C.__module__ = "m"
C.__name__ = "D"
C.__qualname__ = "Outer.D"
print(C.__module__, C.__name__, C.__qualname__, C, C.__dict__["__module__"])
for attr, value in [("__name__", 1), ("__qualname__", None)]:
    try:
        setattr(C, attr, value)
    except TypeError as e:
        print("TypeError", e)
for attr in ["__name__", "__qualname__", "__module__"]:
    try:
        delattr(C, attr)
    except TypeError as e:
        print("TypeError", e)
    try:
        setattr(int, attr, "x")
    except TypeError as e:
        print("TypeError", e)
    try:
        delattr(int, attr)
    except TypeError as e:
        print("TypeError", e)
print(int.__module__, type.__module__)
