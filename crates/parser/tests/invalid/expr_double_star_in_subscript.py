x = y[**k]
