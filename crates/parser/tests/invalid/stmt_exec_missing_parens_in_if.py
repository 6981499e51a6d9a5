if run:
    exec code
