# function names of lambdas, comprehensions and methods in the report
class Shape:
    def area(self):
        return [self.side(i) for i in range(3)]
    def side(self, i):
        f = lambda x: 10 // x
        return f(i)

Shape().area()
