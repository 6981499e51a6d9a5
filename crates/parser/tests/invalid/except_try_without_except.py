try:
    do()
print('after')
