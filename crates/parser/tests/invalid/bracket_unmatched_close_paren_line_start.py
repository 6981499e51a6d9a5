if True:
    pass
)
