print('path',
      '\N{LATIN SMALL LETTER}')
