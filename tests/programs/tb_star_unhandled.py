# what no except* clause handles is raised again and reported
def work():
    raise ExceptionGroup("jobs", [ValueError("bad input"), OSError(2, "gone")])

try:
    work()
except* ValueError as eg:
    print("handled", repr(eg))
