#!/usr/bin/env python
# coding: klingon
print('hi')
