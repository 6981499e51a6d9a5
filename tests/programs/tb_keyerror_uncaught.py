d = {"a": 1}
def get(k):
    return d[k]
print(get("a"))
get(("tuple", "key"))
