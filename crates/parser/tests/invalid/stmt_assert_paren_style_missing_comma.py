assert x 'msg'
