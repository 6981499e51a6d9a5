"""Runs pyperformance's CPU benchmarks with Krait and with CPython, side by
side, and prints per benchmark both medians, the ratio Krait/CPython and
each interpreter's peak memory, then the geometric mean of the ratios.

The benchmarks are pyperformance's own `run_benchmark.py` files, taken from
its wheel, which pip downloads into a cache outside the repository the
first time (~/.cache/krait-bench unless --cache says). They import
`pyperf`, which is replaced by pyperf_standin/pyperf.py: a small Runner
that runs in the benchmark's process and prints its timings.

Usage (from the repository's root, after `cargo build --release`):

    python3 bench/pyperformance/run.py                 # all, 3 rounds
    python3 bench/pyperformance/run.py --fast          # one quick round
    python3 bench/pyperformance/run.py nbody float     # some of them

This driver runs under CPython; each benchmark process is a child whose
peak resident set size comes from os.wait4.
"""

import argparse
import math
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

PYPERFORMANCE_VERSION = "1.14.0"

BENCHMARKS = [
    "nbody",
    "fannkuch",
    "spectral_norm",
    "richards",
    "nqueens",
    "float",
    "chaos",
    "deltablue",
    "go",
    "hexiom",
    "raytrace",
    "unpack_sequence",
    "generators",
    "coroutines",
    "pidigits",
]

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
STANDIN = HERE / "pyperf_standin"
OUTPUT_PREFIX = "pyperf-standin"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "benchmarks", nargs="*", metavar="BENCHMARK",
        help="benchmarks to run (default: all of %s)" % ", ".join(BENCHMARKS),
    )
    parser.add_argument(
        "--fast", action="store_true",
        help="a quick check: one process per interpreter, one value, no warmup",
    )
    parser.add_argument(
        "--rounds", type=int,
        help="processes per interpreter and benchmark, run alternately (default 3; 1 with --fast)",
    )
    parser.add_argument(
        "--values", type=int,
        help="timed values per process (default 3; 1 with --fast)",
    )
    parser.add_argument(
        "--min-time", type=float,
        help="seconds CPython should take per value: the loop count is "
        "calibrated on CPython and used by both (default 0.1; 0.02 with --fast)",
    )
    parser.add_argument(
        "--timeout", type=float,
        help="seconds a benchmark process may take (default 600; 120 with --fast)",
    )
    parser.add_argument(
        "--krait", default=str(REPO / "target" / "release" / "krait"),
        help="the krait binary (default: target/release/krait)",
    )
    parser.add_argument("--python", default="python3", help="CPython (default: python3)")
    parser.add_argument(
        "--cpu-time", action="store_true",
        help="time with each process's CPU time (time.process_time) rather than "
        "time.perf_counter: steadier when other work shares the machine",
    )
    parser.add_argument(
        "--cache", default=str(pathlib.Path.home() / ".cache" / "krait-bench"),
        help="where pyperformance is downloaded and unpacked",
    )
    parser.add_argument("--version", default=PYPERFORMANCE_VERSION, help="pyperformance's version")
    args = parser.parse_args()
    unknown = [b for b in args.benchmarks if b not in BENCHMARKS]
    if unknown:
        parser.error("unknown benchmark %s (choose from %s)" % (", ".join(unknown), ", ".join(BENCHMARKS)))
    fast = args.fast
    defaults = {"rounds": (3, 1), "values": (3, 1), "min_time": (0.1, 0.02), "timeout": (600.0, 120.0)}
    for name, (normal, quick) in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if fast else normal)
    args.warmups = 0 if fast else 1
    args.benchmarks = args.benchmarks or BENCHMARKS
    return args


def benchmarks_dir(cache, version):
    """The folder of pyperformance's benchmarks, downloaded and unpacked
    the first time."""
    root = pathlib.Path(cache) / ("pyperformance-%s" % version)
    target = root / "benchmarks"
    if target.is_dir():
        return target
    root.mkdir(parents=True, exist_ok=True)
    wheel = root / ("pyperformance-%s-py3-none-any.whl" % version)
    if not wheel.exists():
        print("downloading pyperformance %s into %s" % (version, root), flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary", ":all:", "-d", str(root), "pyperformance==%s" % version],
            check=True,
        )
    prefix = "pyperformance/data-files/benchmarks/"
    partial = root / "benchmarks.partial"
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith(prefix) and not name.endswith("/"):
                path = partial / name[len(prefix):]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(archive.read(name))
    partial.rename(target)
    return target


class Result:
    """What the processes of one interpreter gave for one benchmark."""

    def __init__(self):
        self.values = []
        self.peak_kib = 0
        self.error = None

    def median(self):
        return statistics.median(self.values) if self.values else None


def error_line(stderr, returncode):
    """The line that says why a process failed: the exception line of a
    traceback (the last line not indented), a Rust panic's message, or
    the exit status."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if "panicked at" in line:
            message = lines[i + 1].strip() if i + 1 < len(lines) else ""
            return ("panic: " + message).strip()
    for line in reversed(lines):
        if not line[:1].isspace() and not line.startswith("Traceback"):
            return line
    if returncode < 0:
        return "killed by signal %d" % -returncode
    return "exit status %d" % returncode


def peak_rss_kib(pid):
    """The process's peak resident set size so far (VmHWM), 0 once it is
    gone."""
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_process(command, env, timeout):
    """Runs one benchmark process: (returncode, stdout, stderr, peak RSS
    in KiB); returncode None after a timeout.

    The peak is the child's ru_maxrss from os.wait4, except that Linux
    counts in it the memory of the process it was started from (the
    driver's, at exec): when that is not above the driver's own peak it
    says nothing, and the peak comes from the child's VmHWM, read every
    few milliseconds while it runs."""
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    deadline = time.monotonic() + timeout
    polled = 0
    timed_out = False
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=str(REPO))
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            polled = max(polled, peak_rss_kib(process.pid))
            if not timed_out and time.monotonic() > deadline:
                timed_out = True
                process.kill()
            time.sleep(0.005)
        # The child is reaped: tell Popen so that it does not wait again.
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    peak = usage.ru_maxrss if usage.ru_maxrss > own_peak else polled
    returncode = None if timed_out else process.returncode
    return returncode, stdout, stderr, peak


def run_benchmark(interpreter, script, options, args, result):
    """One process of `interpreter` on `script`, its values added to
    `result`. Returns the seconds one outer loop took (the standin's
    values are per inner loop), or None if the process failed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(STANDIN)
    env.pop("PYTHONHOME", None)
    command = [interpreter, str(script)] + options
    returncode, stdout, stderr, peak = run_process(command, env, args.timeout)
    result.peak_kib = max(result.peak_kib, peak)
    if returncode is None:
        result.error = "timed out after %gs" % args.timeout
        return None
    if returncode != 0:
        result.error = error_line(stderr, returncode)
        return None
    values = []
    inner = 1
    for line in stdout.splitlines():
        words = line.split()
        if words[:2] == [OUTPUT_PREFIX, "loops"]:
            inner = int(words[4])
        elif words[:2] == [OUTPUT_PREFIX, "value"]:
            values.append(float(words[3]))
    if not values:
        result.error = "printed no timing"
        return None
    result.values.extend(values)
    return values[0] * inner


def clock_options(args):
    """The stand-in's option choosing its clock."""
    return ["--clock", "process_time"] if args.cpu_time else []


def calibrate(python, script, args):
    """The loop count that makes one CPython value take at least
    --min-time, a power of two as in pyperf; with CPython's error if it
    fails."""
    probe = Result()
    options = ["--loops", "1", "--values", "1", "--warmups", "0"] + clock_options(args)
    seconds = run_benchmark(python, script, options, args, probe)
    if seconds is None:
        return None, probe.error
    loops = 1
    while loops * seconds < args.min_time and loops < 1 << 20:
        loops *= 2
    return loops, None


def format_time(seconds):
    if seconds is None:
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return "%.3g %s" % (seconds / scale, unit)
    return "%.3g ns" % (seconds / 1e-9)


def format_mib(kib):
    return "%.1f MiB" % (kib / 1024.0) if kib else "-"


def main():
    args = parse_args()
    krait = args.krait
    if not os.path.exists(krait):
        sys.exit("%s not found: run `cargo build --release` first, or give --krait" % krait)
    folder = benchmarks_dir(args.cache, args.version)
    print(
        "pyperformance %s: per benchmark and interpreter, %d process%s of %d value%s%s"
        % (args.version, args.rounds, "" if args.rounds == 1 else "es", args.values,
           "" if args.values == 1 else "s", ", fast mode" if args.fast else ""),
        flush=True,
    )
    rows = []
    for name in args.benchmarks:
        script = folder / ("bm_" + name) / "run_benchmark.py"
        krait_result, cpython_result = Result(), Result()
        loops, error = calibrate(args.python, script, args)
        if error is not None:
            cpython_result.error = error
        else:
            options = ["--loops", str(loops), "--values", str(args.values),
                       "--warmups", str(args.warmups)] + clock_options(args)
            for _ in range(args.rounds):
                if krait_result.error is None:
                    run_benchmark(krait, script, options, args, krait_result)
                if cpython_result.error is None:
                    run_benchmark(args.python, script, options, args, cpython_result)
        rows.append((name, krait_result, cpython_result))
        print_row(name, krait_result, cpython_result)
    print_summary(rows)


HEADER = "%-16s %11s %11s %9s %12s %12s" % (
    "benchmark", "krait", "cpython", "ratio", "krait peak", "cpython peak")


def print_row(name, krait, cpython):
    if print_row.first:
        print(HEADER)
        print("-" * len(HEADER))
        print_row.first = False
    if cpython.error is not None:
        print("%-16s CPython failed: %s" % (name, cpython.error), flush=True)
        return
    if krait.error is not None:
        print("%-16s %11s %11s %9s %12s %12s" % (
            name, "-", format_time(cpython.median()), "-", "-", format_mib(cpython.peak_kib)))
        print("%-16s   Krait failed: %s" % ("", krait.error), flush=True)
        return
    ratio = krait.median() / cpython.median()
    print("%-16s %11s %11s %8.2fx %12s %12s" % (
        name, format_time(krait.median()), format_time(cpython.median()), ratio,
        format_mib(krait.peak_kib), format_mib(cpython.peak_kib)), flush=True)


print_row.first = True


def print_summary(rows):
    ratios = [k.median() / c.median() for _, k, c in rows if k.error is None and c.error is None]
    failed = [name for name, k, c in rows if k.error is not None or c.error is not None]
    print()
    if ratios:
        geomean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print("geometric mean of Krait/CPython over %d benchmark%s: %.2fx (below 1 is faster than CPython)"
              % (len(ratios), "" if len(ratios) == 1 else "s", geomean))
    else:
        print("geometric mean: no benchmark ran under both interpreters")
    if failed:
        print("not run under both: %s" % ", ".join(failed))


if __name__ == "__main__":
    main()
