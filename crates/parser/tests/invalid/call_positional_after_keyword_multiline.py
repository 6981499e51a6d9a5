result = connect(
    host='x',
    8080,
)
