[(i := (yield)) for i in x]
