y = f'''
{x is 1}'''
