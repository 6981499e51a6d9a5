# carets with ~ and ^ around a binary operator
def add(a, b, c):
    return a + b   +   c

def divide(x):
    total = 10
    return (total * 2) // (x - x)

try:
    add(1, 2, "3")
except TypeError as e:
    print("caught", e)
divide(5)
