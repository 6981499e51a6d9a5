def f():
    try:
        break
    finally:
        x is 1
