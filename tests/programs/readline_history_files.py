# readline's history files, as GNU readline writes and reads them: one
# entry a line, written anew readable by the owner only, truncated to the
# history length; appending needs an existing file; reading skips blank
# lines and a last line without a newline; errors are OSErrors without
# a file name.
import os
import readline

d = '/tmp/krait-readline-files-%d' % os.getpid()
os.mkdir(d)


def path(name):
    return os.path.join(d, name)


def contents(name):
    with open(path(name), 'rb') as f:
        return f.read()


def show():
    n = readline.get_current_history_length()
    print(n, [readline.get_history_item(i) for i in range(1, n + 1)])


def attempt(f, *args):
    try:
        f(*args)
        print(f.__name__, 'ok')
    except Exception as e:
        print(f.__name__, type(e).__name__, e)


for line in ['b', 'X', 'c c', 'a']:
    readline.add_history(line)
readline.write_history_file(path('h1'))
print(contents('h1'), oct(os.stat(path('h1')).st_mode))
readline.clear_history()
readline.read_history_file(path('h1'))
show()
readline.read_history_file(path('h1'))
show()

readline.set_history_length(3)
readline.write_history_file(path('h1'))
print(contents('h1'))
readline.append_history_file(2, path('h1'))
print(contents('h1'))
readline.set_history_length(-1)
for n in (2, 0, -1, 100):
    readline.append_history_file(n, path('h1'))
    print(n, contents('h1'))
readline.set_history_length(0)
readline.write_history_file(path('h1'))
print(contents('h1'))
readline.set_history_length(-1)

with open(path('h2'), 'wb') as f:
    f.write(b'x\n\ny\n#1234\nz\n  w  \ncaf\xc3\xa9\nbad\xff\nlast')
readline.clear_history()
readline.read_history_file(path('h2'))
show()

# An entry with a newline is two lines of the file.
readline.clear_history()
readline.add_history('one\ntwo')
readline.add_history('')
readline.write_history_file(path('h3'))
print(contents('h3'))
readline.set_history_length(2)
readline.write_history_file(path('h3'))
print(contents('h3'))
readline.set_history_length(-1)

# A file made readable by others is written anew, for the owner only.
os.chmod(path('h3'), 0o644)
readline.write_history_file(path('h3'))
print(oct(os.stat(path('h3')).st_mode))

# Names as bytes and as path-like objects.
class PathLike:
    def __fspath__(self):
        return path('h4')

readline.write_history_file(path('h4').encode())
readline.write_history_file(PathLike())
readline.read_history_file(PathLike())
show()

attempt(readline.read_history_file, path('missing'))
attempt(readline.read_history_file, path('missing').encode())
attempt(readline.write_history_file, path('missing/x'))
attempt(readline.append_history_file, 1, path('missing'))
attempt(readline.append_history_file, 0, path('missing'))
print(os.path.exists(path('missing')))
attempt(readline.read_history_file, d)
attempt(readline.write_history_file, d)
attempt(readline.append_history_file, 1, d)
attempt(readline.read_history_file, 5)
attempt(readline.read_history_file, path('a\0b'))
attempt(readline.append_history_file, 'a')
attempt(readline.append_history_file)
attempt(readline.read_history_file, 1, 2)
attempt(readline.write_history_file, 1, 2)

for name in os.listdir(d):
    os.remove(path(name))
os.rmdir(d)
