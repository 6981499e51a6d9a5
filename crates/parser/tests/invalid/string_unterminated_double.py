greeting = "hello world
