f'''
x is 1
{x is 1}'''
