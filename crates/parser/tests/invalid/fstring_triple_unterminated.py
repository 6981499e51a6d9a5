s = f'''{x}
more
