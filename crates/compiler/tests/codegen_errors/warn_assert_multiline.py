assert (
    x,
    'msg',
)
