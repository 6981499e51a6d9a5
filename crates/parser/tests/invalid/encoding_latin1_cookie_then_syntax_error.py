# -*- coding: latin-1 -*-
name = 'café'
if name
    pass
