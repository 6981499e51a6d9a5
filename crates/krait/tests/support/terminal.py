"""Runs a program under a pseudo-terminal as a person at a terminal would:
each key is typed once the text before it has appeared, then what the
screen shows at the end is printed, with the exit status.

    python3 terminal.py PROGRAM ARG... < STEPS

Each line of STEPS is `TEXT<tab>KEYS`, both with Python's backslash
escapes: wait until TEXT appears (after where the last TEXT was found),
then type KEYS. The screen is rendered from what the program wrote, so
two line editors that draw the same lines with different escape
sequences show the same screen.
"""

import codecs
import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time

COLUMNS = 200
TIME_LIMIT = 60


def unescape(text):
    return codecs.decode(text, "unicode_escape")


def render(output):
    """The screen's lines, for the control characters and escape
    sequences line editors use."""
    lines = [[]]
    row = column = 0
    csi = re.compile(r"\x1b\[([?0-9;]*)([@-~])")
    i = 0
    while i < len(output):
        c = output[i]
        if c == "\x1b":
            m = csi.match(output, i)
            if m is None:
                # A two-character sequence (ESC 7, ESC =, ...).
                i += 2
                continue
            params, final = m.groups()
            n = int(params) if params.isdigit() else 1
            if final == "A":
                row = max(0, row - n)
            elif final == "B":
                row += n
            elif final == "C":
                column += n
            elif final == "D":
                column = max(0, column - n)
            elif final == "G":
                column = n - 1
            elif final == "K" and params in ("", "0"):
                del lines[row][column:]
            elif final == "J" and params in ("", "0"):
                del lines[row][column:]
                del lines[row + 1:]
            i = m.end()
            continue
        if c == "\r":
            column = 0
        elif c == "\n":
            row += 1
        elif c == "\b":
            column = max(0, column - 1)
        elif c == "\t":
            column = (column // 8 + 1) * 8
        elif c >= " ":
            line = lines[row]
            if len(line) < column:
                line.extend(" " * (column - len(line)))
            if column < len(line):
                line[column] = c
            else:
                line.append(c)
            column += 1
        while len(lines) <= row:
            lines.append([])
        i += 1
    text = "\n".join("".join(line).rstrip() for line in lines)
    return text.rstrip("\n")


def main():
    steps = [line.rstrip("\n").split("\t", 1) for line in sys.stdin if line.strip()]
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, COLUMNS, 0, 0))
        os.execvp(sys.argv[1], sys.argv[1:])
    output = b""
    mark = 0
    deadline = time.monotonic() + TIME_LIMIT
    problem = None

    def read_more():
        nonlocal output
        ready, _, _ = select.select([fd], [], [], max(0, deadline - time.monotonic()))
        if not ready:
            raise TimeoutError
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        if not data:
            raise EOFError
        output += data

    try:
        for text, keys in steps:
            text = unescape(text).encode()
            while output.find(text, mark) < 0:
                read_more()
            mark = output.find(text, mark) + len(text)
            os.write(fd, unescape(keys).encode())
        while True:
            read_more()
    except EOFError:
        pass
    except TimeoutError:
        os.kill(pid, 9)
        problem = "TIMEOUT while waiting for %r" % text
    _, status = os.waitpid(pid, 0)
    print(render(output.decode("utf-8", "replace")))
    if problem:
        print(problem)
    print("STATUS %d" % os.waitstatus_to_exitcode(status))


main()
