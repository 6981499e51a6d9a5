def f():
    s = '€€€'; x = 1; global x
