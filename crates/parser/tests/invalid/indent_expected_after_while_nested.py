def loop():
    while running:
    step()
