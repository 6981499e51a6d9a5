{x for a in b for x in [c for c in (d := e)]}
