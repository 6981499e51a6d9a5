print(1 if ok)
