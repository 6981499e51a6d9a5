# Tracebacks as objects: tb_frame, tb_lineno, tb_lasti, tb_next, walked
# the way the traceback module does; tb_next can be set.
import sys


def extract(tb):
    out = []
    while tb is not None:
        f = tb.tb_frame
        out.append((f.f_code.co_filename.rsplit("/", 1)[-1], tb.tb_lineno, f.f_code.co_name))
        tb = tb.tb_next
    return out


def stack(f):
    out = []
    while f is not None:
        out.append((f.f_lineno, f.f_code.co_name))
        f = f.f_back
    return out


def level3():
    raise KeyError("deep")


def level2():
    level3()


def level1():
    try:
        level2()
    except KeyError as e:
        return e


e = level1()
print(extract(e.__traceback__))
tb = e.__traceback__
print(type(tb).__name__, tb.tb_frame.f_code.co_name, tb.tb_next.tb_frame.f_back is tb.tb_frame)
print(stack(tb.tb_next.tb_next.tb_frame))
print([t % 2 == 0 for t in (tb.tb_lasti, tb.tb_next.tb_lasti)])

print("reraised:")


def reraise():
    try:
        level2()
    except KeyError:
        raise


try:
    reraise()
except KeyError as e:
    print(extract(e.__traceback__))


def raise_from():
    try:
        level3()
    except KeyError as e:
        raise ValueError("wrapped") from e


try:
    raise_from()
except ValueError as e:
    print(extract(e.__traceback__))
    print(extract(e.__cause__.__traceback__))

print("exc_info:")
try:
    level2()
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, extract(tb), tb is v.__traceback__)
    print(tb.tb_frame is sys._getframe())

print("generators:")


def failing_gen():
    yield 1
    raise IndexError("gen failed")


def drive():
    for x in failing_gen():
        pass


try:
    drive()
except IndexError as e:
    print(extract(e.__traceback__))
    gen_frame = e.__traceback__.tb_next.tb_next.tb_frame
    print(gen_frame.f_code.co_name, gen_frame.f_back)

print("tb_next:")
try:
    level2()
except KeyError as e:
    tb = e.__traceback__
print(len(extract(tb)))
tb.tb_next = None
print(extract(tb))
for bad in [1, "x"]:
    try:
        tb.tb_next = bad
    except TypeError as err:
        print("TypeError", err)
try:
    del tb.tb_next
except TypeError as err:
    print("TypeError", err)
try:
    tb.tb_next = tb
except ValueError as err:
    print("ValueError", err)
try:
    level2()
except KeyError as e:
    other = e.__traceback__
tb.tb_next = other
print(len(extract(tb)))
try:
    other.tb_next.tb_next = tb
except ValueError as err:
    print("ValueError", err)
for name in ["tb_frame", "tb_lineno", "tb_lasti"]:
    try:
        setattr(tb, name, 1)
    except AttributeError as err:
        print("AttributeError", err)

print("with_traceback:")
err = RuntimeError("fresh")
print(err.__traceback__)
err2 = err.with_traceback(other)
print(err2 is err, extract(err.__traceback__))
try:
    raise err
except RuntimeError as caught:
    print(extract(caught.__traceback__))

print("NameError suggestion uses the frame:")


def uses_undefined():
    local_variable_name = 1
    return local_variable_nam


try:
    uses_undefined()
except NameError as e:
    print(e, e.__traceback__.tb_next.tb_frame.f_locals)

print("uncaught:")


def final():
    frame_local = "shown"
    level1_value = level1()
    raise level1_value


final()
