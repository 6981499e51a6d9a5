f(x, (**kw))
