z = (f'a'
     f'{x is 1}')
