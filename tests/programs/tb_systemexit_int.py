# SystemExit with an int code: no report, that exit status
try:
    raise SystemExit(7)
except SystemExit as e:
    print("caught", e.code, repr(e))
def leave():
    raise SystemExit(3)
leave()
