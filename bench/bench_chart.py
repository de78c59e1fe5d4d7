"""Benchmark chart rendering against matplotlib's own floor (not a test).

The floor is a fresh interpreter that imports matplotlib and saves one empty figure as PNG:
no chart can be produced faster. Against it:

- the sample: a fresh interpreter that imports timeline, loads ``timeline.yaml`` and writes
  one view's PNG (what ``timeline render --format png --view V`` costs), wall time;
- generated chronologies of 1,000 / 10,000 / 100,000 events (groups, periods, mixed
  precisions, a dense cluster; see ``generate.py``): the time of one chart PNG, from
  ``chart()`` to PNG bytes, measured inside a fresh interpreter after the file is loaded.

Every number is the best of ``--repeat`` fresh processes.

Usage: python bench/bench_chart.py [--sizes 1000,10000,100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import chronology

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "timeline.yaml"

FLOOR = (
    "import io\n"
    "from matplotlib.figure import Figure\n"
    "Figure().savefig(io.BytesIO(), format='png')\n"
)
SAMPLE_RENDER = (
    "import importlib, sys, timeline\n"
    "chart = importlib.import_module('timeline.render._chart')\n"
    "t = timeline.load(sys.argv[1])\n"
    "v = t.view(sys.argv[2])\n"
    "fig = chart.chart(t, v, timeline.select(t, v), options=chart.ChartOptions())\n"
    "chart.figure_bytes(fig, 'png', dpi=200)\n"
)
# Prints the seconds from chart() to PNG bytes, and how many labels were drawn.
TIMED_RENDER = (
    "import importlib, sys, time, timeline\n"
    "chart = importlib.import_module('timeline.render._chart')\n"
    "import matplotlib.figure\n"
    "t = timeline.load(sys.argv[1])\n"
    "v = t.view(t.view_names()[0])\n"
    "events = timeline.select(t, v)\n"
    "start = time.perf_counter()\n"
    "fig = chart.chart(t, v, events, options=chart.ChartOptions())\n"
    "data = chart.figure_bytes(fig, 'png', dpi=200)\n"
    "took = time.perf_counter() - start\n"
    "labels = sum(1 for x in fig.texts + fig.axes[0].texts if '.label.' in (x.get_gid() or ''))\n"
    "print(took, labels, len(events))\n"
)


def wall(args: list[str], repeat: int) -> float:
    """Best wall time of ``repeat`` fresh processes."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def timed(path: Path, repeat: int) -> tuple[float, int, int]:
    """Best in-process chart time of ``repeat`` fresh processes, with label and event counts."""
    best = (float("inf"), 0, 0)
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", TIMED_RENDER, str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        took, labels, events = float(out[0]), int(out[1]), int(out[2])
        if took < best[0]:
            best = (took, labels, events)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    floor = wall(["-c", FLOOR], args.repeat)
    print(f"floor: import matplotlib + save an empty PNG, fresh process: {floor:.2f} s")
    print()
    print("| chart | wall (s) | vs floor |")
    print("|---|---:|---:|")
    for view in ("overview", "offensive"):
        took = wall(["-c", SAMPLE_RENDER, str(SAMPLE), view], args.repeat)
        print(f"| sample `{view}` PNG, whole process | {took:.2f} | {took / floor:.2f}x |")
    print()
    print("| events | chart to PNG (s) | labels drawn |")
    print("|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"chronology-{n}.yaml"
            path.write_text(chronology(n), encoding="utf-8")
            took, labels, events = timed(path, args.repeat)
            print(f"| {events:,} | {took:.2f} | {labels} |")


if __name__ == "__main__":
    main()
