# Error handlers: the standard ones, registered ones, their protocol.
import codecs

for name in ['strict', 'ignore', 'replace', 'xmlcharrefreplace', 'backslashreplace',
             'namereplace', 'surrogateescape', 'surrogatepass']:
    print(name, codecs.lookup_error(name))
try:
    codecs.lookup_error('nope')
except LookupError as e:
    print('LookupError', e)

text = 'a\xe9\u20ac\U0001f600\udc80b'
for enc in ['ascii', 'latin-1', 'utf-8', 'utf-16-le', 'cp1252']:
    for errors in ['ignore', 'replace', 'xmlcharrefreplace', 'backslashreplace', 'namereplace',
                   'surrogateescape', 'surrogatepass', 'strict']:
        try:
            print(enc, errors, text.encode(enc, errors))
        except UnicodeEncodeError as e:
            print(enc, errors, 'UnicodeEncodeError', e.start, e.end, e.reason)

data = b'a\xff\xe9\xed\xb2\x80\x80b'
for enc in ['ascii', 'utf-8', 'latin-1', 'utf-16-le', 'cp1252']:
    for errors in ['ignore', 'replace', 'backslashreplace', 'surrogateescape', 'surrogatepass', 'strict', 'xmlcharrefreplace']:
        try:
            print(enc, errors, ascii(data.decode(enc, errors)))
        except (UnicodeDecodeError, TypeError) as e:
            print(enc, errors, type(e).__name__, e)

def handler(exc):
    print('handler:', type(exc).__name__, ascii(exc.object), exc.start, exc.end, exc.reason, exc.encoding)
    if isinstance(exc, UnicodeEncodeError):
        return ('<%d>' % exc.start, exc.end)
    return ('[%d]' % exc.start, exc.end)
codecs.register_error('mine', handler)
print('a\xff\u1234b'.encode('ascii', 'mine'))
print(ascii(b'a\xff\xfeb'.decode('utf-8', 'mine')))
codecs.register_error('back', lambda e: (b'XY', -1))
print('a\xff\u1234b'.encode('latin-1', 'back'))
for result in [('x', 100), 1, ('x',), (1, 2)]:
    codecs.register_error('weird', lambda e, r=result: r)
    for f in [lambda: 'a\u1234'.encode('ascii', 'weird'), lambda: b'a\xff'.decode('ascii', 'weird')]:
        try:
            print(f())
        except (IndexError, TypeError) as e:
            print(type(e).__name__, e)
codecs.register_error('nonascii', lambda e: ('\xe9', e.end))
try:
    '\u1234'.encode('ascii', 'nonascii')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError', e.start, e.end, e.reason)
print('\u1234'.encode('latin-1', 'nonascii'))
try:
    codecs.register_error('x', 1)
except TypeError as e:
    print('TypeError', e)

# The handler functions called directly.
E = UnicodeEncodeError('ascii', 'x\u1234\x80\udcffy', 1, 4, 'why')
D = UnicodeDecodeError('utf-8', b'xy\xffz', 1, 3, 'why')
T = UnicodeTranslateError('x\u1234y', 1, 2, 'why')
for name in ['ignore', 'replace', 'xmlcharrefreplace', 'backslashreplace', 'namereplace',
             'surrogateescape', 'surrogatepass', 'strict']:
    h = codecs.lookup_error(name)
    for exc in [E, D, T, 1]:
        try:
            print(name, type(exc).__name__, ascii(h(exc)))
        except Exception as e:
            print(name, type(exc).__name__, type(e).__name__, e)
print(codecs.replace_errors(UnicodeEncodeError('a', 'x', -5, 9, 'r')))
print(codecs.lookup_error('surrogatepass')(UnicodeEncodeError('utf-16-be', 'x\udcffy', 1, 2, 'r')))
print(ascii(codecs.lookup_error('surrogatepass')(UnicodeDecodeError('utf-8', b'\xed\xb0\x80', 0, 1, 'r'))))
