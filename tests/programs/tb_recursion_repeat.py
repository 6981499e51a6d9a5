# a RecursionError: repeated frames are collapsed after three
def down(n):
    return down(n + 1)

def start():
    return down(0)

start()
