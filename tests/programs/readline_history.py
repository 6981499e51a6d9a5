# The readline module's history list: add_history, the one-based
# get_history_item, the zero-based remove/replace_history_item, lengths,
# clear_history, and the errors of each.
import readline


def show():
    n = readline.get_current_history_length()
    print(n, [readline.get_history_item(i) for i in range(0, n + 2)])


def attempt(f, *args, **kwargs):
    try:
        print(f.__name__, args, '->', repr(f(*args, **kwargs)))
    except Exception as e:
        print(f.__name__, args, type(e).__name__, e)


print(repr(readline.__doc__))
print(readline._READLINE_VERSION, readline._READLINE_RUNTIME_VERSION,
      readline._READLINE_LIBRARY_VERSION)
print([name for name in dir(readline) if not name.startswith('__')])
show()
for line in ['a', 'b', '', 'c c', 'a', 'caf\xe9', 'bad\udcff']:
    readline.add_history(line)
show()
readline.remove_history_item(0)
show()
readline.replace_history_item(1, 'X')
show()
readline.replace_history_item(0, 'first\udcfe')
show()
attempt(readline.get_history_item, -1)
attempt(readline.get_history_item, 2**31)
attempt(readline.get_history_item, 2**70)
attempt(readline.get_history_item, 'a')
attempt(readline.get_history_item, 1.5)
attempt(readline.remove_history_item, -1)
attempt(readline.remove_history_item, 50)
attempt(readline.remove_history_item, 'a')
attempt(readline.replace_history_item, -1, 'a')
attempt(readline.replace_history_item, 50, 'a')
attempt(readline.replace_history_item, 0, 5)
attempt(readline.replace_history_item, 0, None)
attempt(readline.replace_history_item, 0)
attempt(readline.replace_history_item, 0, 'a\0b')
attempt(readline.add_history)
attempt(readline.add_history, 1)
attempt(readline.add_history, b'x')
attempt(readline.add_history, 'x', 'y')
attempt(readline.add_history, string='x')
attempt(readline.add_history, '\0x')
attempt(readline.get_current_history_length, 1)
attempt(readline.clear_history, 1)
show()
readline.clear_history()
show()
readline.add_history('q')
readline.remove_history_item(0)
show()

print(readline.get_history_length())
readline.set_history_length(5)
print(readline.get_history_length())
readline.set_history_length(-7)
print(readline.get_history_length())
attempt(readline.set_history_length, 'a')
attempt(readline.set_history_length, 2**40)
attempt(readline.set_history_length)
attempt(readline.get_history_length, 1)
# The history length bounds history files, not the list.
readline.set_history_length(2)
for line in 'abcd':
    readline.add_history(line)
show()

attempt(readline.set_auto_history, 'x')
attempt(readline.set_auto_history, [])
attempt(readline.set_auto_history)
attempt(readline.set_auto_history, enabled=True)
