# an operation over several lines fails
def combine(a, b):
    return (a *
            b +
            "text")

combine(2, 3)
