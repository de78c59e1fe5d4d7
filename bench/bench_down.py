"""Benchmark the down chart against matplotlib's own floor (not a test).

For a generated chronology (``generate.py``: groups, periods, mixed precisions, a dense
cluster of days; 10,000 events by default), its first view drawn down a column:

- chart: a fresh interpreter imports timeline, loads the file, draws the down chart at the
  column size and saves every part as PNG at 300 dpi. Its wall time, less the time spent
  loading the YAML (the loader's cost, measured inside the process and reported apart);
- floor: a fresh interpreter imports matplotlib and saves empty figures of exactly the
  same pixel sizes as PNG at 300 dpi. No chart of those parts can be made faster.

Both are measured ``--repeat`` times in the same run, alternating, and their medians
compared. The goal: the chart within 3x of the floor.

Usage: python bench/bench_down.py [--events 10000] [--repeat 3] [--size column]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import chronology

CHART = """
import json, sys, time
import timeline
from timeline.render import RenderOptions, chart_parts, figure_bytes
start = time.perf_counter()
t = timeline.load(sys.argv[1])
loaded = time.perf_counter() - start
v = t.view(t.view_names()[0])
events = timeline.select(t, v)
start = time.perf_counter()
options = RenderOptions(size=sys.argv[2], dpi=300, layout="down")
figures = chart_parts(t, v, options=options)
built = time.perf_counter() - start
sizes, labels = [], 0
start = time.perf_counter()
for fig in figures:
    data = figure_bytes(fig, "png", dpi=300)
    sizes.append([round(x * 300) for x in fig.get_size_inches()])
    labels += sum(1 for x in fig.axes[0].texts if (x.get_gid() or "").endswith(":label"))
saved = time.perf_counter() - start
print(json.dumps({"load": loaded, "build": built, "save": saved, "sizes": sizes,
                  "labels": labels, "events": len(events)}))
"""

FLOOR = """
import io, json, sys
from matplotlib.figure import Figure
for w, h in json.loads(sys.argv[1]):
    Figure(figsize=(w / 300, h / 300), dpi=300).savefig(io.BytesIO(), format="png", dpi=300)
"""


def run(args: list[str]) -> tuple[float, str]:
    """Wall time of a fresh interpreter running ``args``, and what it printed."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", default="column")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "chronology.yaml"
        path.write_text(chronology(args.events), encoding="utf-8")
        charts, floors, loads = [], [], []
        info: dict[str, object] = {}
        for _ in range(args.repeat):
            wall, out = run(["-c", CHART, str(path), args.size])
            info = json.loads(out)
            loads.append(float(info["load"]))  # type: ignore[arg-type]
            charts.append(wall - float(info["load"]))  # type: ignore[arg-type]
            floors.append(run(["-c", FLOOR, json.dumps(info["sizes"])])[0])
    chart, floor, load = (statistics.median(x) for x in (charts, floors, loads))
    sizes = info["sizes"]
    assert isinstance(sizes, list)
    print(f"{info['events']:,} events, down chart at the {args.size} size, 300 dpi PNG")
    print(f"parts: {len(sizes)} ({', '.join(f'{w}x{h}' for w, h in sizes)} px)")
    print(f"labels drawn: {info['labels']}")
    print(f"medians of {args.repeat} fresh processes each:")
    print(f"  floor (import matplotlib, save {len(sizes)} empty PNGs): {floor:.2f} s")
    print(f"  chart (import, draw, save; without the YAML load): {chart:.2f} s")
    build, save = float(info["build"]), float(info["save"])  # type: ignore[arg-type]
    print(f"    of which building the figures {build:.2f} s, saving {save:.2f} s")
    print(f"  loading the YAML (apart): {load:.2f} s")
    print(f"chart / floor: {chart / floor:.2f}x (goal: within 3x)")


if __name__ == "__main__":
    main()
