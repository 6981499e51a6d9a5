# a group as the cause of an exception, and a cause inside a group
def collect():
    errors = []
    for v in ["1", "x", "y"]:
        try:
            int(v)
        except ValueError as e:
            errors.append(e)
    return ExceptionGroup("conversion failed", errors)

g = collect()
err = RuntimeError("could not load")
err.__cause__ = g
raise err
