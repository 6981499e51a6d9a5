# Text files in UTF-8, Latin-1 and ASCII, with the error handlers, and
# the errors raised for text a codec cannot take.
import posix

D = "io_tmp_encodings"
posix.mkdir(D)
try:
    p = D + "/enc.txt"
    text = "aé€\U0001f600z"
    for encoding in ["utf-8", "UTF8", "latin-1", "iso-8859-1", "ascii"]:
        for errors in ["strict", "replace", "ignore", "backslashreplace", "xmlcharrefreplace"]:
            try:
                with open(p, "w", encoding=encoding, errors=errors) as f:
                    print(f.encoding, f.errors, f.write(text), end=" ")
            except UnicodeEncodeError as e:
                print("\n", type(e).__name__, e.encoding, e.start, e.end, e.reason, end=" ")
            with open(p, "rb") as f:
                print(f.read())
    with open(p, "wb") as f:
        f.write(b"ok \xe9\xff\xc3\xa9 \xe2\x82 end")
    for encoding in ["utf-8", "latin-1", "ascii"]:
        for errors in ["strict", "replace", "ignore", "backslashreplace", "surrogateescape"]:
            try:
                with open(p, encoding=encoding, errors=errors) as f:
                    print(encoding, errors, repr(f.read()))
            except UnicodeDecodeError as e:
                print(encoding, errors, type(e).__name__, e)
    with open(p, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("\udce9\udcff!")
    with open(p, "rb") as f:
        print(f.read())
    # A character split between two reads of the decoder.
    with open(p, "wb") as f:
        f.write(b"a" * 8191 + "é€".encode())
    with open(p, encoding="utf-8") as f:
        data = f.read()
        print(len(data), repr(data[-3:]))
    with open(p, encoding="utf-8") as f:
        print(repr(f.read(8190)[-1]), repr(f.read(3)), repr(f.read()))
    try:
        open(p, "w", encoding="utf-8", errors="bogus").write("é")
    except LookupError as e:
        print(type(e).__name__, e)
finally:
    for name in sorted(posix.listdir(D)):
        posix.remove(D + "/" + name)
    posix.rmdir(D)
