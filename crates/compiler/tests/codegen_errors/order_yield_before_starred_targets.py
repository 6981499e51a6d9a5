a, *b, *c = yield
