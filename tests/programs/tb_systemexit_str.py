# SystemExit with a str code: printed to stderr, exit status 1
print("exiting")
raise SystemExit("fatal: configuration missing")
