try:
    pass
except:
    break
