c = 3j_
