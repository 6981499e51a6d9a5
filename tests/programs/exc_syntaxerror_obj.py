# SyntaxError objects: attributes and str
e = SyntaxError("invalid syntax", ("/some/dir/prog.py", 3, 5, "x = = 1\n", 3, 7))
print(e.msg, e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
print(str(e))
print(repr(e))
print(str(SyntaxError("m", (None, 2, 1, "t"))))
print(str(SyntaxError("m", ("f.py", None, 1, "t"))))
print(str(SyntaxError("m", (None, None, 1, "t"))))
print(repr(str(SyntaxError())), SyntaxError().msg, SyntaxError().lineno)
print(SyntaxError(1, 2, 3).msg, SyntaxError(1, 2, 3).args)
print(SyntaxError("m", ("f", 1, 2, "t")).end_lineno)
for info in [(1,), ("f", 1, 2, "t", 5), ("f", 1, 2, "t", 3, 4, 5), 5]:
    try:
        SyntaxError("m", info)
    except TypeError as err:
        print("TypeError:", err)
i = IndentationError("unexpected indent", ("x.py", 2, 4, "    y\n", 2, 5))
print(str(i), isinstance(i, SyntaxError), i.print_file_and_line)
t = TabError("tabs")
print(repr(t), t.msg, isinstance(t, IndentationError))
