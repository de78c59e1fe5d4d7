"""Rendering generated chronologies of many shapes, every chart format (not a test).

Each file is drawn at random: 1 to 600 events, over a day to seventy years from one of a
few starting years, 0 to 8 groups, eras or none, a time zone or UTC; dates to the year, the
month, the day or the minute, approximate, periods of a few years, ongoing periods; a
quarter of the events crowded into one day (at the minute, or the whole day); titles of one
to twelve words; importance 1 to 3. Each is validated (a file the generator got wrong is
counted and skipped) and rendered in one process as PNG, SVG and HTML (the HTML page draws
the charts that are never split). Any exception is a failure: its input is written to
``--keep`` and the run goes on.

Usage: python bench/render_shapes.py [--files 60] [--seed 1] [--keep /tmp/render-shapes]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import timeline
from timeline.render import RenderOptions, render

WORDS = (
    *("rebels", "seize", "the", "town", "talks", "collapse", "ceasefire", "announced"),
    *("army", "retakes", "airport", "after", "heavy", "fighting", "in", "north"),
    *("government", "report", "says", "officials", "deny"),
)


def chronology(r: random.Random) -> str:
    """One generated chronology (see the module's doc)."""
    n = r.choice([1, 2, 3, 5, 8, 13, 20, 40, 80, 150, 300, 600])
    groups = [f"g{i}" for i in range(r.choice([0, 1, 2, 3, 5, 8]))]
    lines = ["title: Generated chronology", "as_of: 2025-01-01"]
    if r.random() < 0.3:
        lines.append("timezone: America/New_York")
    if groups:
        lines.append("groups:")
        lines += [f"  {g}: {{label: Group {g}}}" for g in groups]
    if r.random() < 0.4:
        lines += ["eras:", "  - {date: 2005/2010, title: First era}"]
        lines.append("  - {date: 2015/.., title: Second era}")
    lines.append("events:")
    base = r.choice([1950, 1990, 2010, 2020])
    span = r.choice([0, 1, 3, 10, 30, 70])
    crowd = (base + span, r.randint(1, 12), r.randint(1, 28))
    for _ in range(n):
        if r.random() < 0.25:
            y, m, d = crowd
            minute = f"T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}" if r.random() < 0.5 else ""
            date = f"{y}-{m:02d}-{d:02d}{minute}"
        else:
            y, m, d = base + r.randint(0, span), r.randint(1, 12), r.randint(1, 28)
            p = r.random()
            if p < 0.15:
                date = f"{y}"
            elif p < 0.3:
                date = f"{y}-{m:02d}"
            elif p < 0.38:
                date = f"{y}-{m:02d}~"
            elif p < 0.45:
                date = f"{y}-{m:02d}-{d:02d}/.."
            elif p < 0.55:
                date = f"{y}-{m:02d}/{y + r.randint(1, 3)}-{r.randint(1, 12):02d}"
            else:
                date = f"{y}-{m:02d}-{d:02d}"
        title = " ".join(r.choice(WORDS) for _ in range(r.randint(1, 12)))
        group = f", group: {r.choice(groups)}" if groups and r.random() < 0.9 else ""
        importance = r.choice([1, 1, 1, 2, 3])
        lines.append(f"  - {{date: '{date}', title: '{title}'{group}, importance: {importance}}}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=Path("/tmp/render-shapes"))
    args = parser.parse_args()
    r = random.Random(args.seed)
    rendered = skipped = failed = 0
    slowest = (0.0, 0)
    start = time.perf_counter()
    for k in range(args.files):
        text = chronology(r)
        report = timeline.check_bytes(text.encode("utf-8"), "generated.yaml")
        if report.errors or report.timeline is None:
            skipped += 1
            continue
        began = time.perf_counter()
        try:
            render(report.timeline, None, RenderOptions(formats=("png", "svg", "html")))
        except Exception as exc:
            failed += 1
            args.keep.mkdir(parents=True, exist_ok=True)
            kept = args.keep / f"seed{args.seed}-{k}.yaml"
            kept.write_text(text, encoding="utf-8")
            print(f"FAIL {kept}: {type(exc).__name__}: {str(exc)[:200]}", flush=True)
            continue
        rendered += 1
        took = time.perf_counter() - began
        slowest = max(slowest, (took, len(report.timeline.events)))
    print(
        f"{rendered} rendered, {failed} failed, {skipped} skipped (invalid), "
        f"{time.perf_counter() - start:.0f} s; slowest {slowest[0]:.1f} s "
        f"({slowest[1]} events)"
    )
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
