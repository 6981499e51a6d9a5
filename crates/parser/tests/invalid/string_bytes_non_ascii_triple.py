blob = b"""
naïve
"""
