if x:
    return (1,
            2)
