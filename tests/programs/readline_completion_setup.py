# readline's completion and hook settings outside a terminal: the
# completer, hooks, word delimiters, init lines, the line buffer, and
# the errors of each.
import os
import readline

rc = '/tmp/krait-readline-inputrc-%d' % os.getpid()


def attempt(f, *args, **kwargs):
    try:
        print(f.__name__, shown(args), '->', repr(f(*args, **kwargs)))
    except Exception as e:
        print(f.__name__, shown(args), type(e).__name__, e)


def shown(args):
    # Functions and temporary names by what they are, not where.
    return [a if isinstance(a, (int, str, bytes)) and a != rc else type(a).__name__
            for a in args]


def complete(text, state):
    return None


print(readline.get_completer())
readline.set_completer(complete)
print(readline.get_completer() is complete)
readline.set_completer()
print(readline.get_completer())
readline.set_completer(complete)
readline.set_completer(None)
print(readline.get_completer())
for name in ['set_completer', 'set_startup_hook', 'set_pre_input_hook',
             'set_completion_display_matches_hook']:
    f = getattr(readline, name)
    attempt(f, 5)
    attempt(f, complete, 2)
    attempt(f, function=complete)
    attempt(f, complete)
    attempt(f, len)
    attempt(f)
attempt(readline.get_completer, 1)

print(repr(readline.get_completer_delims()))
print(readline.get_completer_delims() == ' \t\n`~!@#$%^&*()-=+[{]}\\|;:\'",<>/?')
readline.set_completer_delims(' ()')
print(repr(readline.get_completer_delims()))
readline.set_completer_delims('\xe9 ')
print(repr(readline.get_completer_delims()))
attempt(readline.set_completer_delims, 5)
attempt(readline.set_completer_delims, b'ab')
attempt(readline.set_completer_delims, '\0x')
attempt(readline.set_completer_delims)
print(repr(readline.get_completer_delims()))

print(readline.get_begidx(), readline.get_endidx(), readline.get_completion_type())
attempt(readline.get_begidx, 1)
attempt(readline.get_endidx, x=1)

print(repr(readline.get_line_buffer()))
readline.insert_text('abc')
readline.insert_text('d\xe9f')
print(repr(readline.get_line_buffer()))
attempt(readline.insert_text, 5)
attempt(readline.insert_text, '\0')
attempt(readline.insert_text)
attempt(readline.redisplay)
attempt(readline.redisplay, 1)

for line in ['tab: complete', 'set editing-mode vi', 'garbage line', '',
             '"\\t": self-insert', '# comment', 'set bell-style none']:
    attempt(readline.parse_and_bind, line)
attempt(readline.parse_and_bind, 5)
attempt(readline.parse_and_bind, 'a\0b')
attempt(readline.parse_and_bind)

with open(rc, 'w') as f:
    f.write('set editing-mode emacs\n$if Python\nTAB: complete\n$endif\n')
attempt(readline.read_init_file, rc)
attempt(readline.read_init_file)
os.remove(rc)
attempt(readline.read_init_file, rc)
attempt(readline.read_init_file, '/')
attempt(readline.read_init_file, 5)
attempt(readline.read_init_file, 1, 2)
