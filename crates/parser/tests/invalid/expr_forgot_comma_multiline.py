colors = [
    'red',
    'green'
    blue,
]
