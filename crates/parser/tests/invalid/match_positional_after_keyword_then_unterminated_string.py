match x:
    case C(a=b, c, d as 'unterminated):
        pass
