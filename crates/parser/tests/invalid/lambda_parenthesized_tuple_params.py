f = lambda (a, b): a + b
