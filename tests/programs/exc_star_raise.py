# raising from an except* clause: new exceptions join the re-raised rest
try:
    try:
        raise ExceptionGroup("orig", [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError:
        raise RuntimeError("from handler")
    except* TypeError:
        raise
except BaseException as e:
    print(type(e).__name__, repr(e))
    for sub in e.exceptions:
        print("  ", type(sub).__name__, repr(sub))

try:
    try:
        raise ExceptionGroup("orig", [ValueError(1)])
    except* ValueError:
        raise
except ExceptionGroup as e:
    print("re-raised unchanged:", repr(e))
