obj.method() -= 1
