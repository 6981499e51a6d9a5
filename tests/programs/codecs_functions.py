# The codec functions of _codecs that Lib/encodings uses.
import _codecs as c

print(c.utf_8_encode('h\xe9\U0001f600'), c.utf_8_decode(b'h\xc3\xa9\xf0\x9f'), c.utf_8_decode(b'h\xc3\xa9\xf0\x9f', None, True) if False else '')
print(c.utf_8_decode(b'\xc3', 'strict', False), c.utf_8_decode(b'ab\xe2\x82', None, False))
try:
    c.utf_8_decode(b'ab\xe2\x82', None, True)
except UnicodeDecodeError as e:
    print(e)
print(c.ascii_encode('abc'), c.ascii_decode(b'abc'), c.latin_1_encode('\xff'), c.latin_1_decode(b'\xff'))
print(c.utf_16_encode('a\U00012345'), c.utf_16_encode('a', None, 1), c.utf_16_le_encode('ab'), c.utf_16_be_encode('ab'))
print(c.utf_32_encode('ab'), c.utf_32_le_encode('a'), c.utf_32_be_encode('a'))
print(c.utf_16_ex_decode(b'ab'), c.utf_16_ex_decode(b'\xff\xfeab'), c.utf_16_decode(b'\xfe\xffab'))
print(c.utf_16_ex_decode(b'ab', None, 1), c.utf_16_decode(b'abc'))
print(c.utf_32_decode(b'\x00\x00\xfe\xff\x00\x00\x00a'), ascii(c.utf_32_le_decode(b'\xff\xfe\x00\x00')))
for d in [b'\x00\xd8\x00', b'\x00\xd8\x00\xd8', b'\x00\xd8\x00\xd8a\x00', b'a\x00b', b'\x00\xdc\x00\xdc', b'\x00\xd8a']:
    for f in [True, False]:
        try:
            print(d, f, c.utf_16_le_decode(d, 'strict', f))
        except UnicodeDecodeError as e:
            print(d, f, e.start, e.end, e.reason)
        print(d, f, c.utf_16_le_decode(d, 'replace', f))
for d in [b'', b'\xff', b'\xff\xfe', b'\xff\xfe\x00', b'\xff\xfe\x00\x00', b'\xff\xfea\x00\x00\x00', b'\x00\xd8\x00\x00']:
    for f in [True, False]:
        for func in [c.utf_32_ex_decode, c.utf_16_ex_decode]:
            try:
                print(d, f, ascii(func(d, 'strict', 0, f)))
            except UnicodeDecodeError as e:
                print(d, f, e.start, e.end, e.reason)
print('a\udc80b'.encode('utf-16', 'replace'), 'a\udc80b'.encode('utf-16-be', 'backslashreplace'))
print('a\udc80b'.encode('utf-32', 'backslashreplace'), 'a\udc80b'.encode('utf-32-le', 'surrogatepass'))

print(c.utf_7_encode('a+b\u1234\U00012345~\\ !-x'), c.utf_7_decode(b'a+-b+EjTYCN9F-'))
for d in [b'+', b'+E', b'+EjQ', b'+EjT-', b'+\xff', b'\xff', b'+AAA-', b'+2D3cAA-', b'+2D0-', b'+2D0', b'a+EjQx+']:
    for f in [True, False]:
        try:
            print(d, f, ascii(c.utf_7_decode(d, 'strict', f)))
        except UnicodeDecodeError as e:
            print(d, f, e.start, e.end, e.reason, e.encoding)
    print(d, ascii(c.utf_7_decode(d, 'replace', True)))

print(c.unicode_escape_encode('a\\\t\n\r\'"\x7f\xe9\u1234\U00012345'))
print(c.raw_unicode_escape_encode('a\\\xe9\u1234\U00012345'))
print(c.raw_unicode_escape_decode(b'\\\\u0041 \\u0041 \\\\\\u0041 \\x41'))
for d in [b'\\', b'\\x4', b'\\x4g', b'\\u12', b'\\U00110000', b'\\N', b'\\N{', b'\\N{LATIN', b'\\N{xx}', b'\\N{}',
          b'\\u004', b'\\N{LATIN SMALL LETTER A}\xff', b'a\\\nb\\t\\x41\\101', '\\u20ac']:
    for f in [True, False]:
        try:
            print(d, f, ascii(c.unicode_escape_decode(d, 'strict', f)))
        except UnicodeDecodeError as e:
            print(d, f, e.start, e.end, e.reason, e.encoding)
    print(d, ascii(c.unicode_escape_decode(d, 'replace')))
    try:
        print(d, ascii(c.raw_unicode_escape_decode(d, 'strict', False)), ascii(c.raw_unicode_escape_decode(d, 'replace')))
    except UnicodeDecodeError as e:
        print(d, e.start, e.end, e.reason, e.encoding)
    if isinstance(d, bytes) and b'\\N' not in d and b'\\u' not in d and b'\\U' not in d:
        try:
            print(d, c.escape_decode(d))
        except ValueError as e:
            print(d, 'ValueError', e)
print(c.escape_encode(b"a'\"\\\n\t\r\x00\x7f\xff"))
print(c.escape_decode(b'\\x4', 'replace'), c.escape_decode(b'\\x4g', 'ignore'))
try:
    c.escape_decode(b'\\x4', 'other')
except ValueError as e:
    print('ValueError', e)
print(c.readbuffer_encode(b'ab'), c.readbuffer_encode('\xe9'), c.readbuffer_encode(bytearray(b'x')))

print(c.charmap_build('abc'), c.charmap_build('a\ufffeb\ufffe'))
table = ''.join(chr(i) for i in range(128)) + '\u20ac' + '\ufffe' * 127
m = c.charmap_build(table)
print(c.charmap_encode('a\u20ac', 'strict', m), c.charmap_decode(b'a\x80', 'strict', table))
print(c.charmap_decode(b'a\x81', 'replace', table), c.charmap_encode('a\u1234', 'replace', m))
print(c.charmap_decode(b'abc', None, {97: 'xy', 98: 0x263a, 99: None}) if False else '')
for mapping in [{97: 'xy', 98: 0x263a}, {97: 0x110000}, {97: 1.5}, {97: '\ufffe'}]:
    try:
        print(ascii(c.charmap_decode(b'ab', 'replace', mapping)))
    except TypeError as e:
        print('TypeError', e)
for mapping in [{97: b'xy', 98: 65}, {97: 256}, {97: 'x'}, {97: None}]:
    try:
        print(c.charmap_encode('ab', 'replace', mapping))
    except (TypeError, UnicodeEncodeError) as e:
        print(type(e).__name__, e)
print(c.charmap_encode('\xff'), c.charmap_decode(b'\xff'))

for f in [lambda: c.utf_8_decode(), lambda: c.utf_8_decode(b'', None, 1, 2), lambda: c.utf_8_decode(b'', errors=None),
          lambda: c.utf_8_encode('a', 1), lambda: c.utf_8_encode(b'a'), lambda: c.utf_8_decode('a'),
          lambda: c.lookup_error(1), lambda: c.register_error(1, print), lambda: c.charmap_build(1),
          lambda: c.escape_encode('x'), lambda: c.utf_16_encode('a', 'strict', 'x')]:
    try:
        print(f())
    except TypeError as e:
        print('TypeError', e)
