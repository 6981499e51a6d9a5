"""
abc
