def f():
    try:
        continue
    finally:
        pass
