from os. import path
