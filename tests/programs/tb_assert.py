# a failing assert, with and without a message
def check(x):
    assert x > 0, "x must be positive"

try:
    assert 1 == 2
except AssertionError as e:
    print("bare assert:", repr(e), e.args)
check(-1)
