# the checks of BaseExceptionGroup's constructor
def attempt(f):
    try:
        g = f()
        print(type(g).__name__, repr(g), "|", str(g), "|", g.exceptions)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
attempt(lambda: BaseExceptionGroup("only message"))
attempt(lambda: BaseExceptionGroup("a", [ValueError()], 3))
attempt(lambda: BaseExceptionGroup(1, [ValueError()]))
attempt(lambda: ExceptionGroup("a", [ValueError()], x=1))
attempt(lambda: BaseExceptionGroup("a", 5))
attempt(lambda: BaseExceptionGroup("a", []))
attempt(lambda: BaseExceptionGroup("a", [1]))
attempt(lambda: BaseExceptionGroup("a", [ValueError(), "x"]))
attempt(lambda: ExceptionGroup("a", [KeyboardInterrupt()]))
attempt(lambda: BaseExceptionGroup("a", [KeyboardInterrupt()]))
attempt(lambda: BaseExceptionGroup("a", [ValueError()]))
attempt(lambda: BaseExceptionGroup("a", (ValueError(), TypeError())))
attempt(lambda: ExceptionGroup("many", [ValueError(i) for i in range(3)]))
class MyEG(ExceptionGroup):
    pass
attempt(lambda: MyEG("a", [KeyboardInterrupt()]))
attempt(lambda: MyEG("a", [ValueError()]))
print(ExceptionGroup.__mro__)
print(ExceptionGroup.__bases__, BaseExceptionGroup.__bases__)
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))
g = ExceptionGroup("args kept", [ValueError(1)])
print(g.args, g.message)
