x = {*not a for x in y}
