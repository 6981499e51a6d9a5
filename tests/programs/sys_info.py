# What sys says of the number types, the encodings and the int digit limit.
import sys
print(sys.float_info)
print(sys.float_info.max, sys.float_info[0], sys.float_info.epsilon, len(sys.float_info))
print(sys.int_info.default_max_str_digits, sys.int_info.str_digits_check_threshold)
print(sys.hash_info.modulus, sys.hash_info.inf, sys.hash_info.algorithm, sys.hash_info.width)
print(sys.maxunicode, sys.float_repr_style, repr(sys.abiflags), sys.platlibdir, sys.pycache_prefix)
print(sys.getdefaultencoding(), sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())
print(type(sys.meta_path).__name__, type(sys.path_hooks).__name__, type(sys.path_importer_cache).__name__)
print(sys.get_int_max_str_digits())
try:
    int("1" * 5000)
except ValueError as e:
    print(e)
sys.set_int_max_str_digits(6000)
print(len(str(int("1" * 5000))), sys.get_int_max_str_digits())
try:
    str(10 ** 6000)
except ValueError as e:
    print(e)
sys.set_int_max_str_digits(0)
print(len(str(10 ** 7000)))
for bad in [5, -1, "x"]:
    try:
        sys.set_int_max_str_digits(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
sys.set_int_max_str_digits(maxdigits=4300)
try:
    sys.float_info.max = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    type(sys.float_info)()
except TypeError as e:
    print("TypeError", e)
print(sys.flags.int_max_str_digits, sys.prefix == sys.base_prefix)
for make in [lambda: type(sys.flags)(), lambda: type(sys.version_info)((1,) * 5), lambda: type(sys.int_info)((1, 2))]:
    try:
        make()
    except TypeError as e:
        print("TypeError", e)
print(type(sys.float_info)(range(11)))
