if x:
	break
