for x in y:
    try:
        pass
    except:
        pass
    except E:
        pass
    else:
        pass
    finally:
        pass
