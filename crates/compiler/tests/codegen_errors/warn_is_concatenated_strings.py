x is ('a'
      'b')
