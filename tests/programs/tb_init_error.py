# an error raised in __init__ and in a property
class Account:
    def __init__(self, balance):
        if balance < 0:
            raise ValueError("negative balance: " + str(balance))
        self.balance = balance
    @property
    def ratio(self):
        return self.balance / 0

try:
    Account(5).ratio
except ZeroDivisionError as e:
    print("property:", e)
Account(-3)
