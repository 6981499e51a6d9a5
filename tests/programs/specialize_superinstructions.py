# Pairs of loads and stores run as one instruction: an unbound local in
# either half, jumps to the second half, and tracebacks through them.

def pair(flag):
    if flag:
        a = 1
    b = 2
    return a, b

print(pair(True))
try:
    pair(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def second_unbound(flag):
    a = 1
    if flag:
        b = 2
    return a + b

print(second_unbound(True))
try:
    second_unbound(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def deleted():
    x = 1
    y = 2
    del y
    return x, y

try:
    deleted()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def swap_loop(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
        c = a
        d = c
    return a, b, c, d

print(swap_loop(10))

def loop_target(n):
    total = 0
    i = 0
    while i < n:
        total = total + i
        i = i + 1
    return total, i

print(loop_target(100))

def consts(x):
    y = 3
    return x * 2 + y - 1, 5 - x

print(consts(4), consts(-1.5))

# Uncaught: the traceback points at the second half of the pair.
second_unbound(False)
