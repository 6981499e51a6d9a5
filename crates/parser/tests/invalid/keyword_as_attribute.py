obj.class = 5
