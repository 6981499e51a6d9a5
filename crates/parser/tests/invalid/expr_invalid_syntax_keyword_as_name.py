class = 'Foo'
