if (self.x := 1):
    pass
