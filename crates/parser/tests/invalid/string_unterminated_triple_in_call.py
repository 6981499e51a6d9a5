print('''hello
      world)
