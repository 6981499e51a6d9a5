l = [x for x in y := data]
