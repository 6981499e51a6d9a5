while x:
    try:
        pass
    except* E as e:
        continue
