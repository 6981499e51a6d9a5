setup(
    name='pkg'
    version='1.0',
)
