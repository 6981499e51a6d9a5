# a syntax error in the program itself: no traceback, the line and carets
print("never printed")
x = (1 +
y = 2 2
