# An uncaught KeyboardInterrupt: the traceback, then death by SIGINT.
import _signal, os
print('before', flush=True)
def f():
    os.kill(os.getpid(), _signal.SIGINT)
    while True:
        pass
f()
