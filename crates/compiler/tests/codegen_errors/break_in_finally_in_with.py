def f():
    with a:
        try:
            pass
        finally:
            break
