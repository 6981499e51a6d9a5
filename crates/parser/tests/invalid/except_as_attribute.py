try:
    pass
except Exception as self.err:
    pass
