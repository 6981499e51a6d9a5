# _sha3: SHA3-224..512 and SHAKE128/256, types that are their own
# constructors; SHAKE's digest takes the length.
import _sha3

MESSAGES = [b'', b'abc', b'a' * 71, b'a' * 72, b'a' * 73, b'a' * 135,
            b'a' * 136, b'a' * 137, b'a' * 168, bytes(range(256)) * 20]


def attempt(f):
    try:
        r = f()
        print('  ->', repr(r)[:80])
    except Exception as e:
        print('  ', type(e).__name__, e)


print(_sha3.implementation, _sha3.keccakopt)
for t in [_sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512]:
    h = t(b'x')
    print(t, h.name, h.digest_size, h.block_size, h._capacity_bits,
          h._rate_bits, h._suffix)
    for m in MESSAGES:
        print(' ', len(m), t(m).hexdigest())
    h = t()
    for m in MESSAGES:
        h.update(m)
    c = h.copy()
    c.update(b'x')
    print(' ', h.hexdigest(), c.hexdigest(), type(c) is t)
    attempt(lambda: t('abc'))
    attempt(lambda: t(string=b'x'))
    attempt(lambda: t(data=b'x'))
    attempt(lambda: t(b'x', b'y'))
    attempt(lambda: t(b'x', usedforsecurity=False).hexdigest())
    attempt(lambda: t().digest(1))
    attempt(lambda: type('Sub', (t,), {}))

for t in [_sha3.shake_128, _sha3.shake_256]:
    h = t(b'x')
    print(t, h.name, h.digest_size, h.block_size, h._capacity_bits,
          h._rate_bits, h._suffix)
    for m in MESSAGES:
        print(' ', len(m), t(m).hexdigest(16), t(m).digest(400).hex()[-24:])
    print(' ', t(b'abc').digest(0), t(b'abc').hexdigest(1))
    attempt(lambda: t().digest())
    attempt(lambda: t().hexdigest())
    attempt(lambda: t().digest(-1))
    attempt(lambda: t().digest(2 ** 29))
    attempt(lambda: t().hexdigest(2 ** 30))
    attempt(lambda: t().digest('a'))
    attempt(lambda: t().digest(length=3))
    attempt(lambda: t().digest(2 ** 64))

for t in [_sha3.sha3_256, _sha3.shake_128]:
    attempt(lambda: t().copy(1))
    attempt(lambda: t().copy(x=1))
    attempt(lambda: t().update(1, 2))
