x = 1
s = """
line
line
line
line
line
line
