for i in r:
	if i:
	        pass
		print(i)
