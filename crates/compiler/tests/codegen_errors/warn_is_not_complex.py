x is not 1j
