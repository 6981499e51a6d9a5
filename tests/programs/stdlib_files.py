# pathlib, glob, shutil and os.scandir over a scratch directory.
import glob
import os
import pathlib
import shutil
from pathlib import Path, PurePosixPath

p = PurePosixPath("/usr/lib/python3.11/os.py")
print(p.name, p.stem, p.suffix, p.parent, p.parts, p.anchor, p.suffixes)
print(p.with_suffix(".pyc"), p.with_name("x.txt"), p.relative_to("/usr"), p.is_absolute())
print(PurePosixPath("a") / "b" / "c.tar.gz", PurePosixPath("a/b").joinpath("c"), PurePosixPath("a//b/./c"))
print(p.match("*.py"), p.match("lib/*/os.py"), repr(PurePosixPath("x")), str(PurePosixPath()))
print(PurePosixPath("a") == PurePosixPath("a"), PurePosixPath("b") > PurePosixPath("a"), list(p.parents)[:2])
try:
    p.relative_to("/etc")
except ValueError as e:
    print("ValueError", e)

base = Path("_stdlib_files_scratch")
if base.exists():
    shutil.rmtree(base)
base.mkdir()
(base / "sub").mkdir()
(base / "a.txt").write_text("hello\nworld\n")
(base / "b.py").write_text("print(1)\n")
(base / "sub" / "c.py").write_bytes(b"x = 2\n")
print(sorted(x.name for x in base.iterdir()), (base / "a.txt").read_text().splitlines())
print((base / "a.txt").exists(), (base / "sub").is_dir(), (base / "a.txt").is_file(), (base / "nope").exists())
print(sorted(str(x) for x in base.glob("*.py")), sorted(str(x) for x in base.rglob("*.py")))
print((base / "a.txt").stat().st_size, (base / "sub" / "c.py").read_bytes())
print(sorted(glob.glob(os.path.join(str(base), "*"))), sorted(glob.glob(str(base) + "/**/*.py", recursive=True)))
print(glob.escape("a[b]*"), sorted(glob.iglob(str(base) + "/?.txt")))
shutil.copy(base / "a.txt", base / "copy.txt")
shutil.copytree(base / "sub", base / "sub2")
shutil.move(str(base / "b.py"), str(base / "moved.py"))
print(sorted(os.listdir(base)), sorted(os.listdir(base / "sub2")))
with open(base / "copy.txt") as f:
    print(f.read() == (base / "a.txt").read_text())
(base / "a.txt").rename(base / "renamed.txt")
(base / "renamed.txt").unlink()
print(sorted(os.listdir(base)), shutil.which("definitely-not-a-command"))
print(shutil.get_terminal_size((80, 24)).columns > 0)
shutil.rmtree(base)
print(base.exists())

os.makedirs("_stdlib_scandir/d/e", exist_ok=True)
open("_stdlib_scandir/f.txt", "w").close()
with os.scandir("_stdlib_scandir") as it:
    entries = sorted(it, key=lambda e: e.name)
print([repr(e) for e in entries], [e.path for e in entries], [os.fspath(e) for e in entries])
print([(e.is_dir(), e.is_file(), e.is_symlink(), e.is_dir(follow_symlinks=False)) for e in entries])
print([e.stat().st_size >= 0 for e in entries], entries[0].inode() == os.stat(entries[0].path).st_ino)
print(sorted(e.path for e in os.scandir(b"_stdlib_scandir")), type(entries[0]).__name__, os.DirEntry)
try:
    entries[0].is_dir(True)
except TypeError as e:
    print("TypeError", e)
try:
    os.scandir("_stdlib_scandir/missing")
except FileNotFoundError as e:
    print("FileNotFoundError", e)
it = os.scandir("_stdlib_scandir")
it.close()
print(list(it), [(d, sorted(ds), sorted(fs)) for d, ds, fs in sorted(os.walk("_stdlib_scandir"))])
os.chmod("_stdlib_scandir/f.txt", 0o600)
print(oct(os.stat("_stdlib_scandir/f.txt").st_mode & 0o777))
try:
    os.chmod("_stdlib_scandir/f.txt", 0o600, None)
except TypeError as e:
    print("TypeError", e)
shutil.rmtree("_stdlib_scandir")
print(os.path.exists("_stdlib_scandir"))
