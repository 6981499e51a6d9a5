"""CPython's side of the parse benchmark (run by krait-bench-parse).

Usage: python3 cpython_parse.py ROUNDS [compile] < paths

Reads every file named on stdin into memory, then parses all of them to an
AST (or with `compile`, compiles them to code objects) ROUNDS times,
dropping each result at once, and prints one line:
files=N bytes=B peak_rss_kib=K round_seconds=S1,S2,...
"""

import ast
import sys
import time
import warnings


def peak_rss_kib():
    """This process's peak resident set size (VmHWM), in KiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def main():
    rounds = int(sys.argv[1])
    # dont_inherit: the script's own future imports must not leak in.
    flags = 0 if sys.argv[2:] == ["compile"] else ast.PyCF_ONLY_AST
    paths = sys.stdin.read().splitlines()
    sources = []
    for path in paths:
        with open(path, "rb") as file:
            sources.append((path, file.read()))
    # Krait reports no warnings; formatting CPython's would skew the timing.
    warnings.simplefilter("ignore")
    round_seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        for path, source in sources:
            try:
                compile(source, path, "exec", flags=flags, dont_inherit=True)
            except (SyntaxError, ValueError):
                pass  # the few invalid files in Lib's tests
        round_seconds.append(time.perf_counter() - start)
    total_bytes = sum(len(source) for _, source in sources)
    print(
        f"files={len(sources)} bytes={total_bytes} peak_rss_kib={peak_rss_kib()} "
        f"round_seconds={','.join(f'{s:.6f}' for s in round_seconds)}"
    )


if __name__ == "__main__":
    main()
