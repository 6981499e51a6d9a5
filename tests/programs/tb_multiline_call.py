# a failing expression spread over several lines is underlined to the
# end of its first line
def fail(*args):
    raise RuntimeError("from a multi-line call")

result = fail(
    1,
    2,
    3,
)
