def obj.method(self):
    pass
