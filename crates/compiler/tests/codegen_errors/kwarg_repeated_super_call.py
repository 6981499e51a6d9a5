class C:
    def __init__(self):
        super().__init__(x=1, x=2)
