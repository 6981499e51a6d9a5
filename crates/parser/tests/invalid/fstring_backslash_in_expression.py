names = ['a', 'b']
s = f'{"\n".join(names)}'
