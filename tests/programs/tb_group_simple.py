# an uncaught exception group: nested boxes with | margins
def fail(n):
    raise ValueError(n)

errors = []
for i in range(3):
    try:
        fail(i)
    except ValueError as e:
        errors.append(e)
errors.append(TypeError("plain, never raised"))
raise ExceptionGroup("several failures", errors)
