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


main_done = threading.Event()
first_done = threading.Event()


def first():
    main_done.wait()
    time.sleep(0.05)
    print("first finished after the main thread")
    first_done.set()


def second():
    first_done.wait()
    print("second finished after the first")


threading.Thread(target=first).start()
threading.Thread(target=second).start()
print("main thread done")
main_done.set()
sys.exit(3)
