# The bytecode cache: __pycache__/NAME.TAG.pyc written on import unless
# sys.dont_write_bytecode, reused while the source's mtime and size
# match, rewritten when they change; and zipimport.
import importlib
import importlib.util
import os
import shutil
import sys
import tempfile
import zlib

tag = sys.implementation.cache_tag
top = tempfile.mkdtemp()
sys.path.insert(0, top)
sys.dont_write_bytecode = False


def write(name, text):
    with open(os.path.join(top, name + ".py"), "w") as f:
        f.write(text)


def cached():
    folder = os.path.join(top, "__pycache__")
    if not os.path.isdir(folder):
        return []
    return sorted(n.replace(tag, "TAG") for n in os.listdir(folder))


write("cached_mod", "VALUE = 1\n")
import cached_mod
print(cached_mod.VALUE, cached(), cached_mod.__cached__.endswith("cached_mod." + tag + ".pyc"))
pyc = importlib.util.cache_from_source(cached_mod.__file__)
print(pyc == cached_mod.__cached__, importlib.util.source_from_cache(pyc) == cached_mod.__file__)
with open(pyc, "rb") as f:
    header = f.read(16)
print(header[:4] == importlib.util.MAGIC_NUMBER, int.from_bytes(header[4:8], "little"))
print(int.from_bytes(header[12:16], "little") == os.stat(cached_mod.__file__).st_size)

# The cache is used while it matches: its code runs even with the source
# replaced by one of the same size and mtime.
stat = os.stat(cached_mod.__file__)
write("cached_mod", "VALUE = 2\n")
os.utime(cached_mod.__file__, ns=(stat.st_atime_ns, stat.st_mtime_ns))
importlib.reload(cached_mod)
print("same size and mtime:", cached_mod.VALUE)
# A different size invalidates it.
write("cached_mod", "VALUE = 333\n")
os.utime(cached_mod.__file__, ns=(stat.st_atime_ns, stat.st_mtime_ns))
importlib.reload(cached_mod)
print("new size:", cached_mod.VALUE)
# So does a different mtime.
write("cached_mod", "VALUE = 444\n")
os.utime(cached_mod.__file__, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5 * 10**9))
importlib.reload(cached_mod)
print("new mtime:", cached_mod.VALUE)

sys.dont_write_bytecode = True
write("uncached_mod", "VALUE = 'no cache'\n")
import uncached_mod
print(uncached_mod.VALUE, cached())

# zipimport: a module and a package from a zip file on sys.path.
archive = os.path.join(top, "modules.zip")


def stored_zip(path, files):
    # A zip archive of stored (uncompressed) members, by hand: zipfile
    # needs threading.
    body, directory = b"", b""
    for name, text in files.items():
        name, data = name.encode(), text.encode()
        fields = (20).to_bytes(2, "little") + bytes(4) + (0x21).to_bytes(2, "little")
        fields += (0x21 << 9 | 1 << 5 | 1).to_bytes(2, "little")
        fields += zlib.crc32(data).to_bytes(4, "little") + len(data).to_bytes(4, "little") * 2
        fields += len(name).to_bytes(2, "little") + bytes(2)
        directory += b"PK\x01\x02" + (20).to_bytes(2, "little") + fields + bytes(10)
        directory += len(body).to_bytes(4, "little") + name
        body += b"PK\x03\x04" + fields + name + data
    end = b"PK\x05\x06" + bytes(4) + len(files).to_bytes(2, "little") * 2
    end += len(directory).to_bytes(4, "little") + len(body).to_bytes(4, "little") + bytes(2)
    with open(path, "wb") as f:
        f.write(body + directory + end)


stored_zip(archive, {
    "zipped.py": "WHERE = 'in the zip'\n",
    "zpkg/__init__.py": "",
    "zpkg/inner.py": "from . import sibling\nX = sibling.Y * 2\n",
    "zpkg/sibling.py": "Y = 21\n",
})
sys.path.insert(0, archive)
import zipped
import zpkg.inner
print(zipped.WHERE, type(zipped.__loader__).__name__, zipped.__file__.replace(top, "TOP"))
print(zpkg.inner.X, [p.replace(top, "TOP") for p in zpkg.__path__])
print(type(sys.path_importer_cache[archive]).__name__)

sys.path.remove(top)
sys.path.remove(archive)
shutil.rmtree(top)
