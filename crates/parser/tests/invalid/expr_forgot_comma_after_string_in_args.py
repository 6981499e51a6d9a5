log.info('x=%s' x)
