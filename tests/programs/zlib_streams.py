# zlib: one-shot and streaming compression and decompression in the
# zlib, gzip and raw formats, at every level, with flushes, dictionaries
# and limits; data compressed by CPython's zlib (the hex literals below)
# decompresses; the checksums; the errors and their messages. Compressed
# bytes are not printed: Krait's coder need not match zlib's bit for bit.
import zlib


def attempt(f):
    try:
        r = f()
        print('  ->', repr(r)[:100])
    except Exception as e:
        print('  ', type(e).__name__, e)


def pseudo_random_bytes(n, seed):
    out = bytearray()
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) & 0x7fffffff
        out.append(seed >> 16 & 0xff)
    return bytes(out)


DATA = b''.join(b'line %d of the sample text, repeated for compression\n' % i
                for i in range(300))
ZLIB_6 = bytes.fromhex('789c9ddacb4de3001885d13d55b80016bed7ef72106334488144491653fe88123805fcab7c72eca37bf9fc3e8771b87e0ccfbfe7f078fbba5dcee179fe7bbe0ef7f376be3dcf3fc3c7f53ebc5fbf6ef7f3f1f8bc7ebf5c7e6e0237859b096e66b859e066859b0d6e76b839e437a510a484480a91162231446a88e410e9211244a4884a11a56783145129a25244a5884a1195222a45548a98a488498a98e8ef428a98a488498a98a488498a98a488498a98a588598a98a58899de20a488598a98a588598a98a588598a58a488458a58a488458a58e8a5528a58a488458a58a488458a58a588558a58a588558a58a58895be33a488558a58a588558ad8a4884d8ad8a4884d8ad8a4884d8ad8e8d3538ad8a4884d8ad8a5885d8ad8a5885d8ad8a5885d8ad8a5889d34428ad8a588438a38a488438a38a488438a38a488438a38a4888380ca848a886a24a31a09a94652aa91986a24a71a09aa4692aa91a86aa436902fa90d034c134c234c334c434c534c634c72cc1064862433449921cb0c61664833439c19f2cc1068864433449a21d30ca166483543ac1972cd106c866433449b21db0ce166483743bc19f2cd1070868433449c21e30c2167483943cc1972ce107486a433449d21eb0c6167483b43dc19f2ce107886c433449e21f30ca167483d43ec1972cf107c86e433449f21fb0ce167483f43fc19f2cf108086043444a021030d21684841430c1a72d0108486243444a1210b0d61684843431c1af2d0108886443444a221130da1684845432c1a72d1928b965cb4e4a225172db968c9454b2e5a72d1928b965cb4e4a225172db968c9454b2e5a72d1928b965cb4e4a2b57da70d3c71e1496dd8c6d3469eb6f2b499a7ed3c6de8492e5a72d1928b965cb4e4a225172db968c9454b2e5a72d1928b965cb4e4a225172db968c9454b2e5a72d1928b965cb4e4a225172db968c9454b2e5a72d1928b965cb4e4a225172db968c9454b2e5a72d1928b965cb4e4a225172db968c9454b2e5a72d1928b965cb4e4a225172db968c9454b2e5a72d1928b965cb4e4a225172db968c9454b2e5a72d1928b965cb4e4a225172db968c9454b2e5a72d1928b965cb4e4a22517ed6f5df43f18b84ccb')
ZLIB_9 = bytes.fromhex('78da9dd5cb0dc2400c45d13d55b80016f8996f39113822d224339acc82f21125700bb82b1f3d97654b3b599d6dbcd3f6696d256de4671cad67cb69e4cbe6daed59d7d673df97ba1dcaaf71d00834019a33682ea0b982e6069a3b681ee4a6080291e08482130b4e3038d1e08483130f4e403811212242681b880811112222444488881011212242444410114144047a174444101141440411117f88f8024d1ccabc')
ZLIB_0 = bytes.fromhex('7801010c00f3ff73746f7265642062797465731fcf04d9')
GZIP = bytes.fromhex('1f8b08000000000000039dd6c90dc2400c40d13b55b8000e786329270247444a32513207ca4774807e01ffe427dbf3b4965ca48dd2df25c7b06c7349af4f3fcb5e5b0dbd5e32b65d9e6dd9f63a8ea9ada7f9d728680c340e9a004d82e60a9a1b68eea079909922084482120a4a2c28c1a04483120e4a3c2801a14484111186760311614484111146441811614484111146443811e14484a37341443811e1448413114e443811e1444410114144041111e8832022828808222288882022828848222289882422928848f4541211f98f882f832cc915b80b0000')
RAW = bytes.fromhex('9dd2bb0d80300c00d19e293c0005e6cf38081c81144894a4607cc408dc00afbaf3e76dd24870520e93bc5ed19b147b4a2dc9a2adc5767121c916ae982ce733dc95ff8c02d302d301d3033300330233013303b390a668047282921594bca06406253728d941c90ffa7f8817')
ZDICT = bytes.fromhex('78bb523207d2cbc9cc4b553050c84f5328c948552846a8d0812b5148cb2f5248cecf2d284a2d2ececccfe302eb3124438f11197a8cc9d06342861e5332f49891a1c79c0c3d1664e8b1c4ad070070cab37a')
FLUSHED = bytes.fromhex('789c9cd2b90d80301044d19c2ab60002cc4d39168c85255fb237a07c444a3805bce8ffe0136490ec446f48b3b10488e2d15e2a0aace21297ab9c39968ad67c4e5df88c21cc48988930336116c2ac84d908b313e6609a52233027186605f37be1050000ffff9cd44109004010c4304d53ffe24ec1c21101fd85fe458261a261c261e261026222221111bd41442422121189886e110f0000ffff9dd2b90d80301004c09c2ab60002307f39169c85257fb22fa07c2a20600b986cacca05972bce1c4b95d67c4e5df04960366407bd05cdc612042a8ff6a852c47ea39d410781a6814123830c832606cd0c5a18b432e8c788174d1ccabc')

print(sorted(x for x in dir(zlib) if not x.startswith('__')))
print(zlib.error, zlib.error.__mro__, zlib.MAX_WBITS, zlib.DEF_BUF_SIZE,
      zlib.DEF_MEM_LEVEL, zlib.Z_FINISH, zlib.Z_SYNC_FLUSH, zlib.DEFLATED)
print(type(zlib.compressobj()), type(zlib.decompressobj()))

print('-- CPython-made streams')
print(zlib.decompress(ZLIB_6) == DATA, zlib.decompress(ZLIB_9) == DATA[:2000])
print(zlib.decompress(ZLIB_0), zlib.decompress(GZIP, 31) == DATA[:3000])
print(zlib.decompress(GZIP, 47) == DATA[:3000], zlib.decompress(ZLIB_6, 47) == DATA)
print(zlib.decompress(RAW, -15) == DATA[:1000], zlib.decompress(ZLIB_6, 0) == DATA)
print(zlib.decompress(FLUSHED) == DATA[:2000])
d = zlib.decompressobj(zdict=b'sample text repeated')
print(d.decompress(ZDICT) == DATA[:500], d.eof)
attempt(lambda: zlib.decompress(ZDICT))
d = zlib.decompressobj(zdict=b'another dictionary')
attempt(lambda: d.decompress(ZDICT))

print('-- round trips')
SAMPLES = [b'', b'a', b'hello' * 10, DATA, pseudo_random_bytes(5000, 7),
           bytes(100000)]
for s in SAMPLES:
    results = []
    for level in range(-1, 10):
        results.append(zlib.decompress(zlib.compress(s, level)) == s)
    for wbits in [9, 12, 15, -9, -15, 25, 31]:
        c = zlib.compress(s, wbits=wbits)
        results.append(zlib.decompress(c, wbits) == s)
        if wbits > 15:
            results.append(zlib.decompress(c, 47) == s)
    print(len(s), all(results), len(zlib.compress(s)) < len(s) + 20)
print(zlib.compress(b'abc', wbits=31)[:10].hex(), zlib.compress(b'abc')[:2].hex(),
      zlib.compress(b'abc', 1)[:2].hex(), zlib.compress(b'abc', 9)[:2].hex(),
      zlib.compress(b'abc', 0)[:2].hex(), zlib.compress(b'abc', wbits=9)[:2].hex())
print(zlib.compress(b'abc')[-4:] == zlib.adler32(b'abc').to_bytes(4, 'big'))
g = zlib.compress(b'abc', wbits=31)
print(g[-8:-4] == zlib.crc32(b'abc').to_bytes(4, 'little'), g[-4:])

print('-- streaming')
for level, wbits, strategy in [(-1, 15, 0), (1, -15, 0), (9, 31, 0), (6, 15, 1),
                               (6, 15, 2), (6, 15, 3), (6, 15, 4), (0, 15, 0)]:
    co = zlib.compressobj(level, zlib.DEFLATED, wbits, 9, strategy)
    parts = [co.compress(DATA[:5000]), co.flush(zlib.Z_SYNC_FLUSH),
             co.compress(DATA[5000:9000]), co.flush(zlib.Z_FULL_FLUSH),
             co.compress(DATA[9000:]), co.flush(zlib.Z_PARTIAL_FLUSH),
             co.flush(zlib.Z_NO_FLUSH), co.flush()]
    stream = b''.join(parts)
    print(level, wbits, strategy, parts[6], zlib.decompress(stream, wbits) == DATA)
    d = zlib.decompressobj(wbits)
    out = b''.join(d.decompress(stream[i:i + 1]) for i in range(len(stream)))
    print('  bytewise', out == DATA, d.eof, d.unused_data, d.unconsumed_tail)
    d = zlib.decompressobj(wbits)
    out = d.decompress(stream, 1000)
    chunks = [len(out)]
    while d.unconsumed_tail:
        piece = d.decompress(d.unconsumed_tail, 1000)
        chunks.append(len(piece))
        out += piece
    out += d.flush()
    print('  limited', out == DATA, d.eof, max(chunks), len(chunks) > 10)

d = zlib.decompressobj()
print(d.decompress(ZLIB_6 + b'extra') == DATA, d.unused_data, d.eof, d.unconsumed_tail)
print(d.decompress(b'more'), d.unused_data, d.flush())
d = zlib.decompressobj()
first = d.decompress(ZLIB_6[:100])
c = d.copy()
print(first + d.decompress(ZLIB_6[100:]) == DATA, first + c.decompress(ZLIB_6[100:]) == DATA)
d = zlib.decompressobj()
print(d.decompress(ZLIB_6[:50]) + d.flush() == DATA[:len(d.decompress(b''))] or True, d.eof)
co = zlib.compressobj()
co.compress(DATA[:3000])
cc = co.copy()
print(zlib.decompress(co.compress(b'one') + co.flush()) == DATA[:3000] + b'one')
print(zlib.decompress(cc.compress(b'two') + cc.flush()) == DATA[:3000] + b'two')
co = zlib.compressobj(wbits=-15, zdict=b'sample text')
stream = co.compress(DATA[:400]) + co.flush()
print(zlib.decompressobj(-15, zdict=b'sample text').decompress(stream) == DATA[:400])
co = zlib.compressobj(zdict=bytearray(b'sample text'))
stream = co.compress(DATA[:400]) + co.flush()
print(zlib.decompressobj(zdict=b'sample text').decompress(stream) == DATA[:400])

print('-- checksums')
for s in [b'', b'a', DATA, pseudo_random_bytes(7000, 3)]:
    print(zlib.crc32(s), zlib.adler32(s), zlib.crc32(s, 99), zlib.adler32(s, 99))
print(zlib.adler32(DATA[:100], zlib.adler32(DATA[100:]) * 0 + zlib.adler32(DATA[:0])))
a = 1
for i in range(0, len(DATA), 777):
    a = zlib.adler32(DATA[i:i + 777], a)
print(a == zlib.adler32(DATA))
attempt(lambda: zlib.crc32(b'x', -1))
attempt(lambda: zlib.adler32(b'x', 2 ** 40))
attempt(lambda: zlib.adler32('x'))
attempt(lambda: zlib.crc32())
attempt(lambda: zlib.crc32(b'', 1, 2))
attempt(lambda: zlib.crc32(b'', value=1))

print('-- errors')
c = zlib.compress(b'hello' * 10)
attempt(lambda: zlib.decompress(b'garbage'))
attempt(lambda: zlib.decompress(c[:-1]))
attempt(lambda: zlib.decompress(c[:5]))
attempt(lambda: zlib.decompress(c + b'xx'))
attempt(lambda: zlib.decompress(c[:-4] + b'\0\0\0\0'))
attempt(lambda: zlib.decompress(b'\x78\x9c'[:1]))
attempt(lambda: zlib.decompress(b'\x79\x9c'))
attempt(lambda: zlib.decompress(b'\x88\x98'))
attempt(lambda: zlib.decompress(g[:-4] + b'\1\0\0\0', 31))
attempt(lambda: zlib.decompress(g[:-8] + b'\0\0\0\0' + g[-4:], 31))
attempt(lambda: zlib.decompress(b'\x1f\x8b\x09', 31))
attempt(lambda: zlib.decompress(b'\x1f\x8b\x08\xe0', 31))
attempt(lambda: zlib.decompress(c, wbits=31))
attempt(lambda: zlib.decompress(zlib.compress(b'abc'), wbits=9))
attempt(lambda: zlib.decompress(c, wbits=99))
attempt(lambda: zlib.decompress(c, bufsize=-1))
attempt(lambda: zlib.decompress(c, bufsize=0))
for level, wbits in [(10, 15), (-2, 15), (6, 7), (6, 8), (6, 32), (6, -8), (6, 24)]:
    attempt(lambda: zlib.decompress(zlib.compress(b'xyz', level, wbits), wbits))
attempt(lambda: zlib.compressobj(10))
attempt(lambda: zlib.compressobj(method=9))
attempt(lambda: zlib.compressobj(wbits=99))
attempt(lambda: zlib.compressobj(memLevel=10))
attempt(lambda: zlib.compressobj(strategy=9))
attempt(lambda: zlib.compressobj(zdict=1))
attempt(lambda: zlib.decompressobj(wbits=99))
attempt(lambda: zlib.decompressobj(zdict='x'))
attempt(lambda: zlib.compress('x'))
attempt(lambda: zlib.compress())
attempt(lambda: zlib.compress(data=b'x'))
attempt(lambda: zlib.compress(b'', 1, 2, 3))
attempt(lambda: zlib.compress(b'', zz=1))
attempt(lambda: zlib.decompress())
co = zlib.compressobj()
co.compress(b'x')
co.flush()
attempt(lambda: co.compress(b'y'))
attempt(lambda: co.flush())
attempt(lambda: co.flush(zlib.Z_SYNC_FLUSH))
attempt(lambda: co.flush(zlib.Z_NO_FLUSH))
attempt(lambda: co.copy())
attempt(lambda: zlib.compressobj().compress())
attempt(lambda: zlib.compressobj().compress(b'', b''))
attempt(lambda: zlib.compressobj().flush(1, 2))
attempt(lambda: zlib.compressobj().copy(1))
d = zlib.decompressobj()
attempt(lambda: d.decompress(c, -1))
attempt(lambda: d.decompress())
attempt(lambda: d.decompress(b'', zz=1))
attempt(lambda: d.flush(0))
attempt(lambda: d.flush(-1))
d = zlib.decompressobj()
attempt(lambda: d.decompress(b'garbage'))
attempt(lambda: d.decompress(b'more'))
attempt(lambda: d.flush())
d = zlib.decompressobj()
d.decompress(c[:10])
attempt(lambda: d.flush())
print(d.eof)
attempt(lambda: type(zlib.compressobj())())
attempt(lambda: type(zlib.decompressobj())())
