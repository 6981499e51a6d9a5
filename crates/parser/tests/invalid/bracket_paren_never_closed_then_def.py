result = compute(1, 2

def compute(a, b):
    return a + b
