"""Benchmark chart rendering against matplotlib's own floor (not a test).

The floor is a fresh interpreter that imports matplotlib and saves one empty figure of the
same pixel size as the chart as PNG: no chart of that size can be produced faster. Against it:

- the sample: a fresh interpreter that imports timeline, loads ``timeline.yaml`` and writes
  one view's PNG (what ``timeline render --format png --view V`` costs), wall time;
- generated chronologies of 1,000 / 10,000 / 100,000 events (groups, periods, mixed
  precisions, a dense cluster; see ``generate.py``), first view: inside a fresh interpreter,
  after the file is loaded, the time to build the figure (``chart()``) and then to save it
  as PNG, SVG and PDF, each file's size, the labels drawn and the process's peak memory.

Every number is the median of ``--repeat`` fresh processes (at least 3).

Usage: python bench/bench_chart.py [--sizes 1000,10000,100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import empty_figure_floor, png_size, run
from generate import chronology

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "timeline.yaml"

SAMPLE_RENDER = (
    "import importlib, pathlib, sys, timeline\n"
    "chart = importlib.import_module('timeline.render.chart._compose')\n"
    "t = timeline.load(sys.argv[1])\n"
    "v = t.view(sys.argv[2])\n"
    "fig = chart.chart(t, v, timeline.select(t, v), options=chart.ChartOptions())\n"
    "pathlib.Path(sys.argv[3]).write_bytes(chart.figure_bytes(fig, 'png', dpi=200))\n"
)
# Prints: events, labels drawn, build seconds, then seconds and bytes per format, peak KiB.
TIMED_RENDER = (
    "import importlib, resource, sys, time, timeline\n"
    "chart = importlib.import_module('timeline.render.chart._compose')\n"
    "import matplotlib.figure\n"
    "t = timeline.load(sys.argv[1])\n"
    "v = t.view(t.view_names()[0])\n"
    "events = timeline.select(t, v)\n"
    "start = time.perf_counter()\n"
    "fig = chart.chart(t, v, events, options=chart.ChartOptions())\n"
    "out = [len(events), 0, time.perf_counter() - start]\n"
    "out[1] = sum(1 for x in fig.axes[0].texts if '.label.' in (x.get_gid() or ''))\n"
    "for fmt in ('png', 'svg', 'pdf'):\n"
    "    start = time.perf_counter()\n"
    "    data = chart.figure_bytes(fig, fmt, dpi=200)\n"
    "    out += [time.perf_counter() - start, len(data)]\n"
    "out.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    "print(*out)\n"
)


def wall(args: list[str], repeat: int) -> float:
    """Median wall time of ``repeat`` fresh processes."""
    return statistics.median(run(args)[0] for _ in range(repeat))


def timed(path: Path, repeat: int) -> list[float]:
    """The TIMED_RENDER figures of the median run (by the time to build and save PNG, SVG
    and PDF) of ``repeat`` fresh processes."""
    rows = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", TIMED_RENDER, str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        rows.append([float(x) for x in out])
    rows.sort(key=lambda row: sum(row[2:9:2]))
    return rows[len(rows) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.repeat < 3:
        parser.error("--repeat must be at least 3: the numbers are medians")
    print("| chart | wall (s) | floor: empty figure of its size (s) | vs floor |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for view in ("overview", "offensive"):
            png = Path(tmp) / f"{view}.png"
            render = ["-c", SAMPLE_RENDER, str(SAMPLE), view, str(png)]
            took = wall(render, args.repeat)
            width, height, dpi = png_size(png)
            floor = wall(empty_figure_floor(width, height, dpi, Path(tmp) / "empty.png"), 3)
            print(
                f"| sample `{view}` PNG ({width}x{height}), whole process | {took:.2f} "
                f"| {floor:.2f} | {took / floor:.2f}x |"
            )
    print()
    print(
        "| events | build (s) | PNG (s) | SVG (s) | SVG (MB) | PDF (s) | PDF (MB) "
        "| labels | peak (MiB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"chronology-{n}.yaml"
            path.write_text(chronology(n), encoding="utf-8")
            events, labels, build, png, _, svg, svg_b, pdf, pdf_b, peak = timed(path, args.repeat)
            print(
                f"| {int(events):,} | {build:.2f} | {png:.2f} | {svg:.2f} | {svg_b / 1e6:.1f} "
                f"| {pdf:.2f} | {pdf_b / 1e6:.1f} | {int(labels)} | {peak / 1024:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
