def f():
    try:
        pass
    except* E:
        pass
    except* F:
        return 1
