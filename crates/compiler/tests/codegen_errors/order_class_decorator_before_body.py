@1()
class C:
    break
