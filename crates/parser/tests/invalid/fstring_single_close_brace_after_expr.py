x = 1
log(f'{x} done }')
