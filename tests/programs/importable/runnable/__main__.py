import sys
print("running", __name__, __spec__.name, __package__, sys.argv[1:])
print(sys.argv[0].split("programs/")[-1], __file__.split("programs/")[-1])
print(type(__loader__).__name__, "importable.runnable.__main__" in sys.modules)
