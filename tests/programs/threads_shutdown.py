# The interpreter waits for threads that are not daemons before it
# exits, even after sys.exit; daemon threads are left behind.
import sys
import threading
import time

started = threading.Event()


def daemon():
    started.set()
    while True:
        time.sleep(0.01)


threading.Thread(target=daemon, daemon=True).start()
started.wait()


def late(name, delay):
    time.sleep(delay)
    print(name, "finished after the main thread")


threading.Thread(target=late, args=("first", 0.05)).start()
t = threading.Thread(target=late, args=("second", 0.1))
t.start()
print("main thread done")
sys.exit(3)
