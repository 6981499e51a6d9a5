sorted(items, key=lambda item item[1])
