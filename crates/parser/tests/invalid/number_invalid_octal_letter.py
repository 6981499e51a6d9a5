p = 0o7a
