#!/usr/bin/python
# coding=ascii
x = 1
