print((False := 0))
