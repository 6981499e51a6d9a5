# a line indented with a tab
def f():
	x = {}
	return x["k"]

f()
