Y = "b"
