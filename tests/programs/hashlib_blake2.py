# _blake2: BLAKE2b and BLAKE2s with keys, salts, personalization and the
# tree parameters, and the checks on each parameter.
import _blake2

b, s = _blake2.blake2b, _blake2.blake2s
MESSAGES = [b'', b'abc', b'a' * 63, b'a' * 64, b'a' * 65, b'a' * 128,
            b'a' * 129, bytes(range(256)) * 20]


def attempt(f):
    try:
        r = f()
        print('  ->', repr(r)[:80])
    except Exception as e:
        print('  ', type(e).__name__, e)


print(sorted(k for k in dir(_blake2) if k.isupper()))
for t in (b, s):
    print(t, t.SALT_SIZE, t.PERSON_SIZE, t.MAX_KEY_SIZE, t.MAX_DIGEST_SIZE)
    h = t(b'x')
    print(h.name, h.digest_size, h.block_size)
    for m in MESSAGES:
        print(' ', len(m), t(m).hexdigest())
    h = t(digest_size=20, key=b'secret')
    for m in MESSAGES:
        h.update(m)
    c = h.copy()
    c.update(b'x')
    print(' ', h.digest_size, h.hexdigest(), c.hexdigest())

OPTIONS = [dict(key=b'key'), dict(key=b'k' * 32), dict(salt=b'salt'),
           dict(person=b'me'), dict(digest_size=1), dict(fanout=0),
           dict(depth=255, leaf_size=2 ** 32 - 1, node_offset=2 ** 48 - 1,
                node_depth=255, inner_size=32, last_node=True)]
for options in OPTIONS:
    print(options)
    for m in MESSAGES:
        print(' ', b(m, **options).hexdigest()[:32], s(m, **options).hexdigest())
print(b(b'x', node_offset=2 ** 64 - 1, inner_size=64, salt=b's' * 16,
        person=b'p' * 16, key=b'k' * 64).hexdigest())

attempt(lambda: b(digest_size=0))
attempt(lambda: b(digest_size=65))
attempt(lambda: s(digest_size=33))
attempt(lambda: b(digest_size='a'))
attempt(lambda: b(digest_size=2 ** 70))
attempt(lambda: b(key=b'x' * 65))
attempt(lambda: s(key=b'x' * 33))
attempt(lambda: b(key='x'))
attempt(lambda: b(salt=b'x' * 17))
attempt(lambda: s(salt=b'x' * 9))
attempt(lambda: b(person=b'x' * 17))
attempt(lambda: s(person=b'x' * 9))
attempt(lambda: b(fanout=-1))
attempt(lambda: b(fanout=256))
attempt(lambda: b(fanout=1.5))
attempt(lambda: b(depth=0))
attempt(lambda: b(depth=256))
attempt(lambda: b(leaf_size=-1))
attempt(lambda: b(leaf_size=2 ** 32))
attempt(lambda: b(node_offset=-1))
attempt(lambda: s(node_offset=2 ** 48))
attempt(lambda: b(node_offset=2 ** 64))
attempt(lambda: b(node_depth=-1))
attempt(lambda: b(node_depth=256))
attempt(lambda: b(inner_size=-1))
attempt(lambda: b(inner_size=65))
attempt(lambda: s(inner_size=33))
attempt(lambda: b(b'a', b'b'))
attempt(lambda: b(foo=1))
attempt(lambda: b(data=b'x'))
attempt(lambda: b('text'))
attempt(lambda: b(last_node=[]).hexdigest())
attempt(lambda: b(usedforsecurity=False).hexdigest())
attempt(lambda: type('Sub', (b,), {}))
