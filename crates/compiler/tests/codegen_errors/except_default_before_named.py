def f():
    try:
        pass
    except:
        pass
    except (E, F) as e:
        pass
