try:
    pass
except KeyError, IndexError as e:
    pass
