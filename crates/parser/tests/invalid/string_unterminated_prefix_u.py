u'hello
