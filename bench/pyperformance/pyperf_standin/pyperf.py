"""A small stand-in for pyperf, enough to drive pyperformance's benchmarks.

pyperf's Runner calibrates, spawns worker processes and writes JSON; this
one runs in the benchmark's own process, with a fixed number of loops and
values given on the command line, and prints each timing as one line that
bench/pyperformance/run.py parses:

    pyperf-standin value <name> <seconds per inner loop>

It uses only `sys` and `time`, so that an interpreter with a small
standard library can run it; pyperformance's benchmarks use no more of
pyperf than what is here (Runner.bench_func, Runner.bench_time_func,
Runner.argparser.add_argument, Runner.parse_args, Runner.metadata and
perf_counter).

The runner's own options come first on the command line and the
benchmark's after them:

    run_benchmark.py [--loops N] [--values N] [--warmups N] [--clock NAME]
                     [benchmark options]

`--clock process_time` makes `perf_counter` (the Runner's and the one
the benchmarks call as `pyperf.perf_counter`) the process's CPU time.
"""

import sys
import time

perf_counter = time.perf_counter

OUTPUT_PREFIX = "pyperf-standin"


class ArgumentError(Exception):
    pass


class Namespace:
    """The parsed options, as attributes (argparse.Namespace)."""

    def __repr__(self):
        items = ", ".join("%s=%r" % item for item in sorted(vars(self).items()))
        return "Namespace(%s)" % items


class _Argument:
    def __init__(self, names, kwargs):
        self.names = names
        self.positional = not names[0].startswith("-")
        if "dest" in kwargs:
            self.dest = kwargs["dest"]
        elif self.positional:
            self.dest = names[0]
        else:
            longs = [n for n in names if n.startswith("--")]
            self.dest = (longs or names)[0].lstrip("-").replace("-", "_")
        self.action = kwargs.get("action", "store")
        if self.action not in ("store", "store_true", "store_false"):
            raise ValueError("unsupported action %r" % (self.action,))
        self.nargs = kwargs.get("nargs")
        if self.nargs not in (None, "?"):
            raise ValueError("unsupported nargs %r" % (self.nargs,))
        self.type = kwargs.get("type")
        self.choices = kwargs.get("choices")
        if self.action == "store_true":
            default = False
        elif self.action == "store_false":
            default = True
        else:
            default = None
        self.default = kwargs.get("default", default)

    def convert(self, text):
        value = text
        if self.type is not None:
            try:
                value = self.type(text)
            except (TypeError, ValueError):
                raise ArgumentError(
                    "argument %s: invalid %s value: %r"
                    % ("/".join(self.names), getattr(self.type, "__name__", "type"), text)
                )
        if self.choices is not None and value not in self.choices:
            raise ArgumentError(
                "argument %s: invalid choice: %r (choose from %s)"
                % (
                    "/".join(self.names),
                    value,
                    ", ".join(repr(c) for c in self.choices),
                )
            )
        return value


class ArgumentParser:
    """The part of argparse.ArgumentParser that the benchmarks use:
    options with a value, flags, and positionals (optional with
    nargs='?'), with type, choices, default, dest, help and metavar."""

    def __init__(self):
        self._arguments = []

    def add_argument(self, *names, **kwargs):
        argument = _Argument(names, kwargs)
        self._arguments.append(argument)
        return argument

    def parse_args(self, argv):
        namespace = Namespace()
        for argument in self._arguments:
            setattr(namespace, argument.dest, argument.default)
        positionals = [a for a in self._arguments if a.positional]
        options = {}
        for argument in self._arguments:
            if not argument.positional:
                for name in argument.names:
                    options[name] = argument
        i = 0
        while i < len(argv):
            word = argv[i]
            i += 1
            if word.startswith("-") and len(word) > 1:
                name, equals, value = word.partition("=")
                argument = options.get(name)
                if argument is None:
                    raise ArgumentError("unrecognized arguments: %s" % word)
                if argument.action != "store":
                    if equals:
                        raise ArgumentError(
                            "argument %s: ignored explicit argument %r" % (name, value)
                        )
                    setattr(namespace, argument.dest, argument.action == "store_true")
                    continue
                if not equals:
                    if i >= len(argv):
                        raise ArgumentError("argument %s: expected one argument" % name)
                    value = argv[i]
                    i += 1
                setattr(namespace, argument.dest, argument.convert(value))
            elif positionals:
                argument = positionals.pop(0)
                setattr(namespace, argument.dest, argument.convert(word))
            else:
                raise ArgumentError("unrecognized arguments: %s" % word)
        for argument in positionals:
            if argument.nargs != "?":
                raise ArgumentError(
                    "the following arguments are required: %s" % argument.dest
                )
        return namespace


def _positive_int(text):
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def _count(text):
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


def _clock(text):
    clocks = {"perf_counter": time.perf_counter, "process_time": time.process_time}
    if text not in clocks:
        raise ValueError(text)
    return clocks[text]


class Runner:
    """Runs each benchmark `warmups` times untimed, then `values` times,
    each value being `loops` calls (or one call of a time function told
    `loops`), and prints the time per inner loop of each value."""

    def __init__(self, values=None, warmups=None, processes=None, loops=0,
                 min_time=None, metadata=None, show_name=True,
                 program_args=None, add_cmdline_args=None, **kwargs):
        self.metadata = dict(metadata or {})
        self.argparser = ArgumentParser()
        self.args = None
        self._options = {"loops": 1, "values": 3, "warmups": 1}

    def parse_args(self, args=None):
        if self.args is not None:
            return self.args
        argv = list(sys.argv[1:] if args is None else args)
        converters = {"loops": _positive_int, "values": _positive_int, "warmups": _count,
                      "clock": _clock}
        try:
            while argv and argv[0].partition("=")[0].lstrip("-") in converters:
                name, equals, value = argv.pop(0).partition("=")
                name = name.lstrip("-")
                if not equals:
                    if not argv:
                        raise ArgumentError("argument --%s: expected one argument" % name)
                    value = argv.pop(0)
                try:
                    self._options[name] = converters[name](value)
                except ValueError:
                    raise ArgumentError("argument --%s: invalid value: %r" % (name, value))
            global perf_counter
            perf_counter = self._options.get("clock", perf_counter)
            self.args = self.argparser.parse_args(argv)
        except ArgumentError as error:
            print("%s: error: %s" % (sys.argv[0], error), file=sys.stderr)
            raise SystemExit(2)
        return self.args

    def _run(self, name, timed, inner_loops):
        self.parse_args()
        loops = self._options["loops"]
        inner = inner_loops or 1
        for _ in range(self._options["warmups"]):
            timed(loops)
        print("%s loops %s %d %d" % (OUTPUT_PREFIX, name, loops, inner))
        for _ in range(self._options["values"]):
            seconds = timed(loops)
            print("%s value %s %r" % (OUTPUT_PREFIX, name, seconds / (loops * inner)))

    def bench_time_func(self, name, time_func, *args, inner_loops=None, metadata=None):
        """`time_func(loops, *args)` runs the benchmark `loops` times and
        returns the seconds it took."""
        self._run(name, lambda loops: time_func(loops, *args), inner_loops)

    def bench_func(self, name, func, *args, inner_loops=None, metadata=None):
        """`func(*args)` is one run of the benchmark."""

        def timed(loops):
            t0 = perf_counter()
            for _ in range(loops):
                func(*args)
            return perf_counter() - t0

        self._run(name, timed, inner_loops)
