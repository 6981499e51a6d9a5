if (None := x):
    pass
