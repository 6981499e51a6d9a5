# __notes__ after the message, one line each, with a multi-line note
e = ValueError("bad value")
e.add_note("first note")
e.add_note("second\nnote on two lines")
try:
    e.add_note(42)
except TypeError as t:
    print("TypeError:", t)
print(e.__notes__)
raise e
