# four identical frames: three shown and "1 more time"; alternating
# frames are never collapsed
def countdown(n):
    if n == 0:
        raise ValueError("done")
    countdown(n - 1)

def ping(n):
    return pong(n)

def pong(n):
    if n == 0:
        return 1 // n
    return ping(n - 1)

try:
    ping(3)
except ZeroDivisionError as e:
    print("ping-pong:", e)
countdown(3)
