# Each execution counts itself in a builtin, so reload is visible.
import builtins
builtins.counter_runs = getattr(builtins, "counter_runs", 0) + 1
RUNS = builtins.counter_runs
