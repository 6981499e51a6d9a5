# an exception raised while handling another: both are reported
def parse(text):
    try:
        return int(text)
    except ValueError:
        raise KeyError("no number in " + text)

parse("abc")
