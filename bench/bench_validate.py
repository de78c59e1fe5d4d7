"""Benchmark ``timeline validate`` and ``show`` against the YAML load floor (not a test).

The floor is a fresh interpreter that imports PyYAML and composes the same file with the
C loader and the garbage collector off: nothing can validate a file faster than reading it.
Every measurement is a fresh process (as a user runs the command), the median of
``--repeat`` (at least 3). ``bench/table.py`` gives the ratios against the floor pair by pair.

Usage: python bench/bench_validate.py [--sizes 1000,10000,100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import run
from generate import chronology

FLOOR = (
    "import gc, sys, yaml\n"
    "gc.disable()\n"
    "yaml.compose(open(sys.argv[1], 'rb').read(), Loader=yaml.CSafeLoader)\n"
)
COMMAND = (
    "import contextlib, io, sys\n"
    "from timeline.cli import app\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    try:\n"
    "        app(sys.argv[1:])\n"
    "    except SystemExit as exc:\n"
    "        assert not exc.code, exc.code\n"
)


def measure(code: str, *args: str, repeat: int) -> tuple[float, float]:
    """Median wall time (s) and the largest peak memory (MiB) of ``repeat`` fresh
    interpreters running ``code``."""
    runs = [run(["-c", code, *args], ok=(0,)) for _ in range(max(repeat, 3))]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    help_time, _ = measure(COMMAND.replace("app(sys.argv[1:])", "app(['--help'])"), repeat=5)
    print(f"timeline --help: {help_time:.3f} s (fresh process)")
    print(f"{'events':>8} {'floor s':>8} {'validate s':>10} {'ratio':>6} {'show s':>7} {'MiB':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"t{n}.yaml"
            path.write_text(chronology(n), encoding="utf-8")
            floor, _ = measure(FLOOR, str(path), repeat=args.repeat)
            validate, mem = measure(COMMAND, "validate", str(path), repeat=args.repeat)
            show, _ = measure(COMMAND, "show", str(path), repeat=args.repeat)
            print(
                f"{n:>8} {floor:>8.3f} {validate:>10.3f} {validate / floor:>6.2f} "
                f"{show:>7.3f} {mem:>6.0f}"
            )


if __name__ == "__main__":
    main()
