a = f'{1}'
b = "oops
