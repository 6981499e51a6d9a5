if check(value) and other(value)
    go()
