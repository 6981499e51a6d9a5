if x: y = 1 elif z: y = 2
