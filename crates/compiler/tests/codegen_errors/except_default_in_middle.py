def f():
    try:
        pass
    except E:
        pass
    except:
        pass
    except F:
        pass
