# -*- coding: utf-8 -*-
s = '€abc'
