# the exit status comes from the code attribute, even when changed
e = SystemExit(1)
e.code = 42
raise e
