cost = £5
