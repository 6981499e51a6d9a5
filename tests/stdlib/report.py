"""Runs modules of CPython's test suite under CPython and under Krait and
prints, per module, how many tests each passes.

    python3 tests/stdlib/report.py [--krait PATH] [test_grammar ...]

Without module names it runs those of tests/stdlib/modules.txt. The share
is of the tests CPython passes that Krait passes too.
"""

import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVER = os.path.join(HERE, "unittest_driver.py")


def outcomes(interpreter, module, limit):
    with tempfile.TemporaryDirectory() as scratch:
        results = os.path.join(scratch, "results.txt")
        try:
            subprocess.run(
                [interpreter, DRIVER, module, results],
                cwd=scratch,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=limit,
            )
        except subprocess.TimeoutExpired:
            pass
        if not os.path.exists(results):
            return {}
        with open(results, encoding="utf-8") as f:
            return dict(reversed(line.rstrip("\n").split(" ", 1)) for line in f)


def main():
    parser = argparse.ArgumentParser()
    default_krait = os.path.join(HERE, "..", "..", "target", "release", "krait")
    parser.add_argument("--krait", default=os.path.normpath(default_krait))
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("modules", nargs="*")
    args = parser.parse_args()
    modules = args.modules
    if not modules:
        with open(os.path.join(HERE, "modules.txt"), encoding="utf-8") as f:
            modules = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    print(f"{'module':<20} {'CPython':>8} {'Krait':>8} {'share':>7}")
    total_cpython = total_both = 0
    for module in modules:
        cpython = {t for t, o in outcomes(sys.executable, module, args.timeout).items() if o == "pass"}
        krait = {t for t, o in outcomes(args.krait, module, args.timeout).items() if o == "pass"}
        both = len(cpython & krait)
        total_cpython += len(cpython)
        total_both += both
        share = 100 * both / len(cpython) if cpython else 0.0
        print(f"{module:<20} {len(cpython):>8} {both:>8} {share:>6.1f}%", flush=True)
    share = 100 * total_both / total_cpython if total_cpython else 0.0
    print(f"{'total':<20} {total_cpython:>8} {total_both:>8} {share:>6.1f}%")


if __name__ == "__main__":
    main()
