from x import def
