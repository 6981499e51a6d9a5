try:
    pass
except:
    break
except E:
    pass
