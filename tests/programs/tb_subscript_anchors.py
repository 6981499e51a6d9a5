# carets under a subscript: ~ for the value, ^ for the brackets
def lookup(table):
    row = table["rows"]
    return row [ 10 ] * 2

lookup({"rows": [1, 2, 3]})
