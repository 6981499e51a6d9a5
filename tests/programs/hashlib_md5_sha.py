# The hash modules hashlib falls back to without OpenSSL: _md5, _sha1,
# _sha256 and _sha512. Digests at block boundaries, incremental update
# and copy, the attributes, and the messages for bad arguments.
import _md5, _sha1, _sha256, _sha512

CONSTRUCTORS = [_md5.md5, _sha1.sha1, _sha256.sha224, _sha256.sha256,
                _sha512.sha384, _sha512.sha512]
MESSAGES = [b'', b'abc', b'a' * 55, b'a' * 56, b'a' * 63, b'a' * 64,
            b'a' * 65, b'a' * 127, b'a' * 128, b'a' * 129,
            bytes(range(256)) * 40]


def attempt(f):
    try:
        r = f()
        print('  ->', repr(r)[:80])
    except Exception as e:
        print('  ', type(e).__name__, e)


print(_md5.MD5Type, _sha1.SHA1Type, _sha256.SHA224Type, _sha256.SHA256Type)
for make in CONSTRUCTORS:
    h = make(b'x')
    print(make.__name__, make, type(h), type(h).__module__, h.name,
          h.digest_size, h.block_size)
    for m in MESSAGES:
        print(' ', len(m), make(m).hexdigest())
    h = make()
    for m in MESSAGES:
        h.update(m)
    c = h.copy()
    c.update(b'more')
    print(' ', h.hexdigest(), c.hexdigest(), h.digest()[:6])
    print(' ', make(string=b'abc').hexdigest() == make(b'abc').hexdigest(),
          make(bytearray(b'abc'), usedforsecurity=False).digest()
          == make(memoryview(b'abc')).digest())
    attempt(lambda: make('abc'))
    attempt(lambda: make(1))
    attempt(lambda: make(data=b'x'))
    attempt(lambda: make(b'x', b'y'))
    attempt(lambda: make(b'x', string=b'y'))
    attempt(lambda: make().update('s'))
    attempt(lambda: make().update(3))
    attempt(lambda: make().update())
    attempt(lambda: make().update(b'a', b'b'))
    attempt(lambda: make().update(data=b'a'))
    attempt(lambda: make().digest(5))
    attempt(lambda: make().hexdigest(5))
    attempt(lambda: make().copy(1))
    attempt(lambda: type(make())())
    attempt(lambda: type('Sub', (type(make()),), {}))
    attempt(lambda: setattr(make(), 'name', 'x'))
    attempt(lambda: make().foo)
    attempt(lambda: type(make()).digest(1))
    print(make(b"a").copy(x=1).hexdigest())
    attempt(lambda: make().digest(1, 2))
