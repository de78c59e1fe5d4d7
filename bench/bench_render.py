"""Render speed against matplotlib's floor, measured in the same run (not a test).

The floor is a fresh interpreter that imports matplotlib and saves one empty figure of the
same pixel size as the chart (300 dpi): no chart of that size can be produced faster.
Against it, each a fresh process:

- the sample: ``timeline render`` of ``timeline.yaml`` with the default outputs (PNG, SVG,
  Markdown, text and HTML of every view, every part of every chart), forced: as it runs
  by default (charts drawn in one process per core) and with ``--jobs 1``, with the CPU
  time each took;
- one chart of 10,000 events (``generate.py``, its first view, default size): importing
  timeline, loading the file and writing the chart's PNG; also without the load (timed
  inside the process), which is validation's cost, measured by ``bench_validate.py``.

Runs alternate (floor, sample, floor, chart...) so that every measurement sees the same
load on a shared machine; each figure is the median of ``--repeat`` runs.

Usage: python bench/bench_render.py [--repeat 5] [--events 10000]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
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
    "import io, sys\n"
    "from matplotlib.figure import Figure\n"
    "w, h = int(sys.argv[1]), int(sys.argv[2])\n"
    "Figure(figsize=(w / 300, h / 300), dpi=300).savefig(io.BytesIO(), format='png')\n"
)
# Prints the seconds the load took, then the chart's pixel size.
CHART = (
    "import sys, time, timeline\n"
    "from timeline.render import RenderOptions, chart_parts, figure_bytes\n"
    "start = time.perf_counter()\n"
    "t = timeline.load(sys.argv[1])\n"
    "loaded = time.perf_counter() - start\n"
    "figs = chart_parts(t, t.view(t.view_names()[0]), options=RenderOptions())\n"
    "data = [figure_bytes(f, 'png', dpi=300) for f in figs]\n"
    "w, h = (round(x * 300) for x in figs[0].get_size_inches())\n"
    "print(loaded, len(figs), w, h)\n"
)


def run(args: list[str]) -> tuple[float, str]:
    """Wall time of a fresh process, and what it printed."""
    took, _, out = run_cpu(args)
    return took, out


def run_cpu(args: list[str]) -> tuple[float, float, str]:
    """Wall time of a fresh process, the CPU time it and the processes it waited for
    took (user and system), and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, *args], check=True, capture_output=True, text=True).stdout
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return took, cpu, out


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--events", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        render = ["-m", "timeline", "render", str(SAMPLE), "-o", str(out), "--force", "-q"]
        run(render)  # warm the caches; learn the charts' pixel size
        pngs = sorted(out.glob("*.png"))
        sample_px = max((png_size(p) for p in pngs), key=lambda s: s[0] * s[1])
        big = Path(tmp) / f"chronology-{args.events}.yaml"
        big.write_text(chronology(args.events), encoding="utf-8")
        _, printed = run(["-c", CHART, str(big)])
        _, parts, w, h = printed.split()
        big_px = (int(w), int(h))
        floors_s, floors_b, samples, charts, charts_only = [], [], [], [], []
        alone, cpus, cpus_alone = [], [], []
        for _ in range(args.repeat):
            floors_s.append(run(["-c", FLOOR, *map(str, sample_px)])[0])
            took, cpu, _ = run_cpu(render)
            samples.append(took)
            cpus.append(cpu)
            took, cpu, _ = run_cpu([*render, "--jobs", "1"])
            alone.append(took)
            cpus_alone.append(cpu)
            floors_b.append(run(["-c", FLOOR, *map(str, big_px)])[0])
            took, printed = run(["-c", CHART, str(big)])
            charts.append(took)
            charts_only.append(took - float(printed.split()[0]))
    fs, s = statistics.median(floors_s), statistics.median(samples)
    s1, cpu, cpu1 = (statistics.median(x) for x in (alone, cpus, cpus_alone))
    fb, c, co = (statistics.median(x) for x in (floors_b, charts, charts_only))
    print(f"medians of {args.repeat} fresh processes each, runs alternating")
    print()
    print("| what | wall (s) | floor (s) | vs floor |")
    print("|---|---:|---:|---:|")
    print(
        f"| sample, `timeline render` (default outputs: {len(pngs)} charts, "
        f"largest {sample_px[0]} x {sample_px[1]} px; {os.cpu_count()} cores, CPU time "
        f"{cpu:.2f} s) | {s:.2f} | {fs:.2f} | {s / fs:.2f}x |"
    )
    print(
        f"| sample, `timeline render --jobs 1` (one process; CPU time {cpu1:.2f} s) | "
        f"{s1:.2f} | {fs:.2f} | {s1 / fs:.2f}x |"
    )
    print(
        f"| {args.events:,} events, one chart ({parts} part, {big_px[0]} x {big_px[1]} px), "
        f"load included | {c:.2f} | {fb:.2f} | {c / fb:.2f}x |"
    )
    print(
        f"| {args.events:,} events, one chart, without the load | {co:.2f} | {fb:.2f} | "
        f"{co / fb:.2f}x |"
    )


if __name__ == "__main__":
    main()
