[x]: list = [1]
