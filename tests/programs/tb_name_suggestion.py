# a misspelt name: "Did you mean" from the locals, globals or builtins
counter = 0
def bump():
    local_value = 1
    return local_valu + counter

try:
    bump()
except NameError as e:
    print("NameError:", e, e.name)
prnt("hello")
