# binascii: hex, base64, uuencode and quoted-printable both ways, the
# CRCs, and the errors (binascii.Error, TypeError, ValueError) with
# CPython's messages.
import binascii


def attempt(f):
    try:
        r = f()
        print('  ->', repr(r)[:110])
    except Exception as e:
        print('  ', type(e).__name__, e)


def pseudo_random_bytes(n, seed):
    out = bytearray()
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) & 0x7fffffff
        out.append(seed >> 16 & 0xff)
    return bytes(out)


print(binascii.Error, binascii.Error.__mro__)
print(binascii.Incomplete, binascii.Incomplete.__mro__)
print(issubclass(binascii.Error, ValueError), binascii.Error.__module__)
print(sorted(x for x in dir(binascii) if not x.startswith('__')))

SAMPLES = [b'', b'a', b'ab', b'abc', b'abcd', b'hello world', bytes(range(256)),
           pseudo_random_bytes(100, 1), pseudo_random_bytes(45, 2)]

print('-- hex')
for s in SAMPLES:
    h = binascii.hexlify(s)
    print(h[:40], binascii.b2a_hex(s) == h, binascii.unhexlify(h) == s,
          binascii.a2b_hex(h.decode().upper()) == s)
for args in [(b'abcdef', '-'), (b'abcdef', b':', 2), (b'abcdef', ':', -4),
             (b'abcde', ':', 0), (b'\x01\x02\x03\x04\x05', ' ', 2),
             (b'\x01\x02\x03\x04\x05', ' ', -2), (b'ab', '\xe9')]:
    attempt(lambda: binascii.hexlify(*args))
attempt(lambda: binascii.hexlify(b'abc', bytes_per_sep=2))
attempt(lambda: binascii.hexlify(data=b'abc', sep='.'))
attempt(lambda: binascii.hexlify('abc'))
attempt(lambda: binascii.hexlify(b'a', None))
attempt(lambda: binascii.hexlify(b'ab', 'xx'))
attempt(lambda: binascii.hexlify(b'ab', '\u0100'))
attempt(lambda: binascii.hexlify(b'ab', ':', 2 ** 40))
attempt(lambda: binascii.unhexlify('616263'))
attempt(lambda: binascii.unhexlify(bytearray(b'6162')))
attempt(lambda: binascii.unhexlify('6162a'))
attempt(lambda: binascii.unhexlify('zz'))
attempt(lambda: binascii.unhexlify(b'61 62'))
attempt(lambda: binascii.unhexlify('\xe91'))
attempt(lambda: binascii.a2b_hex(3))

print('-- base64')
for s in SAMPLES:
    e = binascii.b2a_base64(s)
    print(e[:60], binascii.b2a_base64(s, newline=False) == e[:-1],
          binascii.a2b_base64(e) == s, binascii.a2b_base64(e.decode()) == s,
          binascii.a2b_base64(e, strict_mode=True) == s)
for text in ['aGVsbG8=\n', 'aGVsbG8', 'aGVsbA', 'a', 'aGV sbG8=', 'aGVsbA==x',
             'aGVsbA=', 'aGVsb===', 'ab=c', 'abcde', 'aGVs=', 'aG==', '!!!!',
             'YQ==YQ==', 'Y Q = =', '']:
    attempt(lambda: binascii.a2b_base64(text))
    attempt(lambda: binascii.a2b_base64(text, strict_mode=True))
attempt(lambda: binascii.b2a_base64('x'))
attempt(lambda: binascii.b2a_base64(b'x', True))
attempt(lambda: binascii.a2b_base64(memoryview(b'YWJj')))

print('-- uu')
for s in SAMPLES:
    if len(s) <= 45:
        e = binascii.b2a_uu(s)
        print(e, binascii.a2b_uu(e) == s, binascii.b2a_uu(s, backtick=True))
        print(binascii.a2b_uu(binascii.b2a_uu(s, backtick=True)) == s)
for line in [b'', b'\n', b'#86)C\n', b'#86)C    ``\n', b'$86)C', '#86)C',
             b'!\xff', b'#86)C xx\n', b'&86)C\r\n']:
    attempt(lambda: binascii.a2b_uu(line))
attempt(lambda: binascii.b2a_uu(b'x' * 46))

print('-- qp')
TEXTS = [b'hello = world\t\n', b'a\xffb c', b'a_b c', b'x' * 100,
         b'a\r\nb\n', b'.\n.a', b'From x', b'line one \nline two\t\r\n',
         b'=' * 30, b'tab\tend\t', b'x' * 74 + b'=', b'.', b'\x00\x01 \x7f',
         b' ' * 80 + b'\n', pseudo_random_bytes(120, 3)]
for t in TEXTS:
    for options in [{}, {'quotetabs': True}, {'istext': False},
                    {'header': True}]:
        e = binascii.b2a_qp(t, **options)
        print(options, e[:90], binascii.a2b_qp(e, header=options.get('header', False)) == t)
for text in [b'hello =3D world=\n x', b'=ZZ=4', b'=\r\nab=a', b'a==b',
             b'=4', b'=', b'=a', b'=4a=4A', 'abc=20', b'a_b=20c']:
    attempt(lambda: binascii.a2b_qp(text))
    attempt(lambda: binascii.a2b_qp(text, header=True))

print('-- crc')
for s in SAMPLES:
    print(binascii.crc32(s), binascii.crc32(s, 12345), binascii.crc_hqx(s, 0),
          binascii.crc_hqx(s, 0xffff))
crc = 0
for s in SAMPLES:
    crc = binascii.crc32(s, crc)
print(crc, binascii.crc32(b''.join(SAMPLES)))
attempt(lambda: binascii.crc32(b'hello', -1))
attempt(lambda: binascii.crc32(b'hello', 2 ** 40 + 7))
attempt(lambda: binascii.crc32(b'hello', True))
attempt(lambda: binascii.crc32(b'a', 1.5))
attempt(lambda: binascii.crc32('x'))
attempt(lambda: binascii.crc_hqx(b'hello', 2 ** 20))
attempt(lambda: binascii.crc_hqx(b'hello', -1))

print('-- arguments')
for name in ['a2b_uu', 'b2a_uu', 'a2b_base64', 'b2a_base64', 'crc_hqx',
             'crc32', 'b2a_hex', 'hexlify', 'a2b_hex', 'unhexlify', 'a2b_qp',
             'b2a_qp']:
    f = getattr(binascii, name)
    print(name, f)
    attempt(lambda: f())
    attempt(lambda: f(b'', 1, 2, 3, 4, 5))
    attempt(lambda: f(b'', zz=1))
    attempt(lambda: f(data=b''))
