with lock as acquire():
    pass
