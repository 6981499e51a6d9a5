s = f'{value!repr}'
