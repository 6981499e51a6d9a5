print(obj.attr = 5)
