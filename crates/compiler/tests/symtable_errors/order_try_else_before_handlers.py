def f():
    try: pass
    except E as x: pass
    else: print(x)
    global x
