with a, b:
    continue
