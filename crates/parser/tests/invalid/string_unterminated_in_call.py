print("total: , total)
