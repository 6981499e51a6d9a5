# a failing expression followed by a comment and spaces on its line
def f(values):
    return values[0] / values[1]   # divide the first by the second   

def g():
    return f([1, 0])  + 1

g()
