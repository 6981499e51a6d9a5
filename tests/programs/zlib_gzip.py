# gzip over zlib: one-shot compress/decompress, several members,
# GzipFile writing to BytesIO in pieces and to a file, and a stream made
# by CPython's gzip (the hex literal) read by Krait. (Reading through
# GzipFile needs memoryview.cast, which Krait lacks yet.)
import gzip
import io
import os

DATA = b''.join(b'record %d: some text to squeeze\n' % i for i in range(2000))
# gzip.compress(b'hello gzip\n' * 20, mtime=0) as CPython's zlib writes it.
CPYTHON_GZIP = bytes.fromhex(
    '1f8b0800000000000203cb48cdc9c95748afca2ce0ca186e4c001ce66bb8dc000000')

print(gzip.decompress(CPYTHON_GZIP) == b'hello gzip\n' * 20)
blob = gzip.compress(DATA, mtime=0)
print(blob[:4].hex(), gzip.decompress(blob) == DATA, len(blob) < len(DATA) // 5)
for level in (0, 1, 9):
    print(level, gzip.decompress(gzip.compress(DATA[:5000], level, mtime=0)) == DATA[:5000])
print(gzip.decompress(blob + gzip.compress(b'second', mtime=0)) == DATA + b'second')

buffer = io.BytesIO()
with gzip.GzipFile(fileobj=buffer, mode='wb', mtime=0) as f:
    for i in range(0, len(DATA), 1000):
        f.write(DATA[i:i + 1000])
print(gzip.decompress(buffer.getvalue()) == DATA)

path = 'zlib_gzip_test.gz'
try:
    with gzip.GzipFile(path, 'wb', mtime=0) as f:
        for i in range(100):
            f.write(b'line %d\n' % i)
    with open(path, 'rb') as f:
        raw = f.read()
    print(raw[:4].hex(), gzip.decompress(raw).splitlines()[-1])
finally:
    os.remove(path)

try:
    gzip.decompress(blob[:-3])
except EOFError as e:
    print('EOFError', e)
try:
    gzip.decompress(b'not gzip at all')
except gzip.BadGzipFile as e:
    print('BadGzipFile', e)
try:
    gzip.decompress(blob[:-8] + b'\0\0\0\0' + blob[-4:])
except gzip.BadGzipFile as e:
    print('BadGzipFile', e)
