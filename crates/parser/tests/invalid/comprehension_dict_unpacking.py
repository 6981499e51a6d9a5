d = {**x for x in items}
