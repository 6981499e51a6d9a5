class A:
    @staticmethod
    value = 3
