with 1():
    break
