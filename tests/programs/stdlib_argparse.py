# argparse: positional and optional arguments, types, choices, subcommands,
# help and usage text, errors (which exit with status 2).
import argparse
import io
import contextlib

parser = argparse.ArgumentParser(prog="tool", description="A test tool.")
parser.add_argument("files", nargs="*", help="input files")
parser.add_argument("-v", "--verbose", action="count", default=0)
parser.add_argument("-n", "--num", type=int, default=3, help="a number")
parser.add_argument("--mode", choices=["fast", "slow"], default="fast")
parser.add_argument("--flag", action="store_true")
parser.add_argument("--no-color", dest="color", action="store_false")
parser.add_argument("--item", action="append")
parser.add_argument("--pair", nargs=2, metavar=("A", "B"))
print(parser.parse_args(["a", "b", "-vv", "-n", "7", "--flag", "--item", "x", "--item", "y"]))
print(parser.parse_args(["--mode=slow", "--no-color", "--pair", "1", "2"]))
ns, rest = parser.parse_known_args(["a", "--unknown", "z"])
print(ns.files, rest)
print(parser.format_usage())
print(parser.format_help())

sub = argparse.ArgumentParser(prog="git")
subs = sub.add_subparsers(dest="cmd", required=True)
c = subs.add_parser("commit", help="record changes")
c.add_argument("-m", "--message", required=True)
pu = subs.add_parser("push")
pu.add_argument("remote", nargs="?", default="origin")
print(sub.parse_args(["commit", "-m", "msg"]))
print(sub.parse_args(["push"]))

group = argparse.ArgumentParser(prog="g")
mx = group.add_mutually_exclusive_group()
mx.add_argument("--a", action="store_true")
mx.add_argument("--b", action="store_true")


def fails(p, args):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            p.parse_args(args)
        except SystemExit as e:
            print("exit", e.code)
    print(err.getvalue().strip())


fails(parser, ["-n", "notanint"])
fails(parser, ["--mode", "medium"])
fails(group, ["--a", "--b"])
fails(sub, [])
fails(sub, ["commit"])
fails(parser, ["--bogus"])
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        parser.parse_args(["--help"])
    except SystemExit as e:
        code = e.code
print("help exit", code, out.getvalue().splitlines()[0])
p3 = argparse.ArgumentParser(prog="t3", formatter_class=argparse.ArgumentDefaultsHelpFormatter)
p3.add_argument("--x", default=5, help="the x")
p3.add_argument("--y", type=float)
print(p3.format_help())
print(p3.parse_args(["--y", "2.5"]), argparse.Namespace(a=1) == argparse.Namespace(a=1))
p4 = argparse.ArgumentParser(prog="t4", fromfile_prefix_chars="@", allow_abbrev=True)
p4.add_argument("--longname")
print(p4.parse_args(["--long", "v"]))
parser.exit_on_error = False
try:
    argparse.ArgumentParser(exit_on_error=False).parse_args(["--nope"])
except SystemExit:
    print("exited")
except argparse.ArgumentError as e:
    print("ArgumentError", e)
p5 = argparse.ArgumentParser(exit_on_error=False)
p5.add_argument("--i", type=int)
try:
    p5.parse_args(["--i", "x"])
except argparse.ArgumentError as e:
    print("ArgumentError", e)
