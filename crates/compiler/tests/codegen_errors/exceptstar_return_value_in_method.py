class C:
    def f(self):
        try:
            pass
        except* E:
            return [
                self,
            ]
