try:
    pass
except Exception as:
    pass
