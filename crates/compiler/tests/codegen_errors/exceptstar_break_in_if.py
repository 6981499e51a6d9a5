while x:
    try:
        pass
    except* E:
        if x:
            break
