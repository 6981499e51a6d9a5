# The codec registry: lookup, search functions, encode/decode, error wrapping.
import codecs

info = codecs.lookup('UTF_8')
print(info.name, type(info).__name__, isinstance(info, tuple), len(info))
print(codecs.lookup(' Latin-1 ').name, codecs.lookup('cp1252').name)
for bad in ['no-such-encoding', 'x y-Z']:
    try:
        codecs.lookup(bad)
    except LookupError as e:
        print('LookupError', e)
for bad in [1, None, 'a\x00b']:
    try:
        codecs.lookup(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

seen = []
def search(name):
    seen.append(name)
    if name == 'my_codec':
        return codecs.CodecInfo(lambda s, errors='strict': (s.upper().encode(), len(s)),
                                lambda b, errors='strict': (bytes(b).decode().lower(), len(b)),
                                name='my-codec')
    if name == 'bad_codec':
        return 42
    return None

codecs.register(search)
print(codecs.lookup('My  Codec!!').name, seen)
print(codecs.encode('abc', 'my codec'), codecs.decode(b'ABC', 'my_codec'))
print('abc'.encode('my_codec'), b'XYZ'.decode('my_codec'))
try:
    codecs.lookup('bad codec')
except TypeError as e:
    print('TypeError', e)
codecs.unregister(search)
try:
    codecs.lookup('my_codec_2')
except LookupError as e:
    print('LookupError', e)
try:
    codecs.register(1)
except TypeError as e:
    print('TypeError', e)

print(codecs.encode('abc', 'rot13'), codecs.decode('nop', 'rot_13'))
for f in [lambda: 'abc'.encode('rot13'), lambda: b'abc'.decode('rot13')]:
    try:
        f()
    except LookupError as e:
        print('LookupError', e)

def failing(name):
    if name == 'failing':
        def enc(s, errors='strict'):
            raise ValueError('boom')
        def dec(s, errors='strict'):
            raise KeyError('k')
        return codecs.CodecInfo(enc, dec, name='failing')
codecs.register(failing)
try:
    codecs.encode('x', 'failing')
except ValueError as e:
    print('ValueError', e, '| cause:', repr(e.__cause__))
try:
    codecs.decode(b'x', 'failing')
except KeyError as e:
    print('KeyError', e, repr(e.__cause__))
try:
    codecs.encode('x', encoding=3)
except TypeError as e:
    print('TypeError', e)
try:
    codecs.encode()
except TypeError as e:
    print('TypeError', e)

# text encodings through the registry
for enc in ['cp1252', 'utf-16', 'utf-16-be', 'utf-32', 'koi8_r', 'cp437', 'iso8859_15', 'mac_roman', 'utf-7', 'unicode_escape', 'raw_unicode_escape']:
    s = 'h\xe9llo \u20ac' if enc not in ('koi8_r',) else 'привет'
    try:
        b = s.encode(enc)
        print(enc, b, b.decode(enc) == s)
    except UnicodeError as e:
        print(enc, type(e).__name__, e)
print(b'\x80\x81'.decode('cp1252', 'replace'), '\u0100'.encode('cp1252', 'xmlcharrefreplace'))
try:
    b'\x81'.decode('cp1252')
except UnicodeDecodeError as e:
    print(e)
try:
    '\ufffe\u0100x'.encode('cp1252')
except UnicodeEncodeError as e:
    print(e, e.start, e.end)
