# posix (what os re-exports): files and directories, stat, errors.
import posix, errno

print(errno.ENOENT, errno.errorcode[errno.ENOENT], errno.EWOULDBLOCK == errno.EAGAIN, errno.errorcode[errno.EAGAIN])
print(posix.fspath("a"), posix.fspath(b"b"))
class P:
    def __fspath__(self):
        return "from-fspath"
print(posix.fspath(P()))
for bad in [3, None]:
    try:
        posix.fspath(bad)
    except TypeError as e:
        print("TypeError", e)

base = "posix_files.tmp"
if base in posix.listdir("."):
    for name in posix.listdir(base):
        posix.remove(base + "/" + name)
    posix.rmdir(base)
posix.mkdir(base)
fd = posix.open(base + "/data.txt", posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
print(posix.write(fd, b"hello\nworld\n"), posix.isatty(fd))
posix.close(fd)
fd = posix.open(base + "/data.txt", posix.O_RDONLY)
print(posix.read(fd, 5), posix.lseek(fd, 0, 1), posix.read(fd, 100), posix.read(fd, 10))
st = posix.fstat(fd)
posix.close(fd)
print(st.st_size, st[6], len(st), type(st).__name__, type(st[8]).__name__, type(st.st_mtime).__name__)
print(st.st_mtime_ns // 10**9 == st[8] == int(st.st_mtime), posix.stat(base + "/data.txt") == posix.stat(P2 := base + "/data.txt"))
print(sorted(posix.listdir(base)), posix.listdir(base.encode()), posix.access(base, posix.F_OK), posix.access(base + "/nope", posix.R_OK))
posix.rename(base + "/data.txt", base + "/moved.txt")
posix.symlink("moved.txt", base + "/link")
print(posix.readlink(base + "/link"), posix.readlink((base + "/link").encode()))
print(posix.lstat(base + "/link").st_size == len("moved.txt"), posix.stat(base + "/link").st_size)
posix.chmod(base + "/moved.txt", 0o600)
print(oct(posix.stat(base + "/moved.txt").st_mode & 0o777))

for call in [
    lambda: posix.stat(base + "/missing"),
    lambda: posix.remove(base + "/missing"),
    lambda: posix.rmdir(base + "/missing"),
    lambda: posix.mkdir(base),
    lambda: posix.rename(base + "/missing", base + "/other"),
    lambda: posix.listdir(base + "/moved.txt"),
    lambda: posix.open(base + "/missing", posix.O_RDONLY),
    lambda: posix.stat(1.5),
    lambda: posix.lstat(None),
    lambda: posix.stat("a\0b"),
    lambda: posix.close(-1),
    lambda: posix.read(-1, 1),
]:
    try:
        call()
    except (OSError, TypeError, ValueError) as e:
        print(type(e).__name__, e, getattr(e, "errno", None), getattr(e, "filename", None))

for name in sorted(posix.listdir(base)):
    posix.unlink(base + "/" + name)
posix.rmdir(base)
print(base in posix.listdir("."))
print(posix.strerror(errno.EACCES), type(posix.getpid()).__name__, posix.getcwd() == posix.getcwdb().decode())
print(type(posix.environ).__name__, all(type(k) is bytes for k in posix.environ))
print(type(posix.uname()).__name__, posix.uname()._fields if hasattr(posix.uname(), "_fields") else len(posix.uname()))
print(len(posix.urandom(16)), posix.urandom(0), posix.error is OSError)
r = posix.stat_result(range(10))
print(r.st_mode, r[9], r.st_atime, r)
try:
    posix.stat_result((1, 2))
except TypeError as e:
    print("TypeError", e)
