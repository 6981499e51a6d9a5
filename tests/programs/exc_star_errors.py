# except* refuses groups and non-exceptions as the type to match
def attempt(kind):
    try:
        try:
            raise ExceptionGroup("g", [ValueError()])
        except* kind:
            pass
    except TypeError as e:
        print("TypeError:", e)

attempt(ExceptionGroup)
attempt((ValueError, BaseExceptionGroup))
attempt(int)
attempt((ValueError, "x"))
