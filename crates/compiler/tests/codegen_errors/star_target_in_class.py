class C:
    *a = b
