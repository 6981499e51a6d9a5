# -*- coding: latin-1 -*-
if True:
    s = 'éè'
  t = 1
