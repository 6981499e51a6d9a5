def f():
    try:
        break
    finally:
        pass
