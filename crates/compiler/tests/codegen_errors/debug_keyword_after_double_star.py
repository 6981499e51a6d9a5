f(**k, __debug__=1)
