def f():
    try:
        return
        1 is 1
    finally:
        2 is 2
