# more than 15 exceptions in a group, and groups nested deeper than 10
excs = [ValueError(i) for i in range(20)]
g = ExceptionGroup("wide", excs)
for depth in range(12):
    g = ExceptionGroup("level " + str(depth), [g])
raise g
