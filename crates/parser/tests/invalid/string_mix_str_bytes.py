header = ('Content: '
          b'text')
