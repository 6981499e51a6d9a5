for i in range(10):
    total += 5items
