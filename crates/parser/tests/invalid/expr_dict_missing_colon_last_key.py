opts = {1: 2, 3}
