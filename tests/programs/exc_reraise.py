# a bare raise in an except clause re-raises the exception being handled
class Base(Exception):
    pass
class Derived(Base):
    pass
try:
    try:
        raise Derived()
    except (KeyError, Derived) as e:
        print("tuple match", type(e).__name__)
        raise
except Exception as e:
    print("re-raised", type(e).__name__)
