x = {*a b}
