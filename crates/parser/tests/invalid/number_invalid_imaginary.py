c = 1jk
