try:
    pass
except E:
    try:
        pass
    except: pass
    except F: pass
