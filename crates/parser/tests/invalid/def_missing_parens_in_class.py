class A:
    def run:
        pass
