x = a[k=1]
