break
