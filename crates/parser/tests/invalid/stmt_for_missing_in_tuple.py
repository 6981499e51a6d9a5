for k, v items:
    pass
