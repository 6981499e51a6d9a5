def load():
    return dict(**{'a': 1)
