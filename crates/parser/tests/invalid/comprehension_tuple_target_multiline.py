z = [
    i, j
    for i, j in pairs
]
