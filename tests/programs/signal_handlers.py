# _signal: handlers run by the eval loop, getsignal/signal, errors.
import _signal as signal
import os, time

print(signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGPIPE), signal.getsignal(signal.SIGXFSZ))
print(signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGUSR1))
print(signal.SIG_DFL, signal.SIG_IGN, signal.NSIG, signal.SIGRTMIN, signal.SIGRTMAX)
print(signal.SIGINT, signal.SIGTERM, signal.SIGUSR1, signal.SIGALRM, signal.SIGCHLD)

got = []
def handler(signum, frame):
    got.append((signum, type(frame).__name__, frame.f_code.co_name))

old = signal.signal(signal.SIGUSR1, handler)
print('old', old, signal.getsignal(signal.SIGUSR1) is handler)

def work():
    os.kill(os.getpid(), signal.SIGUSR1)
    n = 0
    for i in range(1000):
        n += i
    return n
work()
print('got', got)

got.clear()
signal.raise_signal(signal.SIGUSR1)
print('raise_signal', got)

class Stop(Exception):
    pass
def raising(signum, frame):
    raise Stop(signum)
signal.signal(signal.SIGUSR2, raising)
try:
    os.kill(os.getpid(), signal.SIGUSR2)
    for i in range(100000):
        pass
    print('not interrupted')
except Stop as e:
    print('Stop', e.args)

try:
    signal.raise_signal(signal.SIGINT)
    for i in range(10):
        pass
except KeyboardInterrupt as e:
    print('KeyboardInterrupt', repr(e))

print(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is handler)
signal.raise_signal(signal.SIGUSR1)
print('ignored', signal.getsignal(signal.SIGUSR1))
print(signal.signal(signal.SIGUSR1, signal.SIG_DFL))

signal.signal(signal.SIGALRM, raising)
print('alarm', signal.alarm(1))
try:
    time.sleep(5)
    print('slept')
except Stop as e:
    print('woken by', e.args)
print(signal.alarm(0))

for f in [lambda: signal.signal(0, signal.SIG_DFL), lambda: signal.signal(signal.SIGKILL, signal.SIG_IGN),
          lambda: signal.signal(signal.SIGUSR1, 5), lambda: signal.getsignal(65), lambda: signal.strsignal(0),
          lambda: signal.raise_signal(100), lambda: signal.default_int_handler(), lambda: signal.signal(1.5, 0)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
try:
    signal.default_int_handler(2, None)
except KeyboardInterrupt as e:
    print('KeyboardInterrupt', e.args)
print(signal.strsignal(signal.SIGINT), signal.strsignal(signal.SIGTERM), signal.strsignal(34))
print(len(signal.valid_signals()), 9 in signal.valid_signals(), 32 in signal.valid_signals())
print(signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1]))
os.kill(os.getpid(), signal.SIGUSR1)
print(signal.sigpending())
signal.signal(signal.SIGUSR1, handler)
got.clear()
print(signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1]), got)
w = os.open("/dev/null", os.O_WRONLY)
try:
    signal.set_wakeup_fd(w)
except ValueError as e:
    print('ValueError', str(e).replace(str(w), 'W'))
print(signal.set_wakeup_fd(-1))
