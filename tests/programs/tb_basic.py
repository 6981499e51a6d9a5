# an uncaught exception: the traceback through functions, with carets
def inner(items, key):
    return items[key] + 1

def middle(items):
    value = inner(items, "missing")
    return value

def outer():
    data = {"present": 1}
    return middle(data)

print("before")
outer()
print("never")
