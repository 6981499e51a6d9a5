# carets on a line with non-ASCII characters count characters
def größe(wert):
    return "é" * 2 + wert + "ü"

größe(1)
