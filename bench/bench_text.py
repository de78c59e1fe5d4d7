"""Benchmark the text chronologies (Markdown, plain text, HTML) beyond validation (not a test).

Generates a chronology (``bench/generate.py``), loads and validates it once, then times
each text output of its whole-chronology view, best of ``--repeat`` runs in this process.
Caches are cleared before every run so each one starts cold. The target is under 1 s
for all three outputs of 10,000 events, growing in proportion to the number of events; the
total is also given as a multiple of loading and validating the same file.

Usage: python bench/bench_text.py [--events 10000] [--repeat 3] [--locale en]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import chronology

from timeline.i18n.phrases import when_parts
from timeline.loader.validate import load_bytes
from timeline.model import View
from timeline.query import select
from timeline.render.alt import alt_text
from timeline.render.text import html, markdown
from timeline.render.text import plain as text
from timeline.render.text._outline import clear_cache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--locale", default="en")
    args = parser.parse_args()

    data = chronology(args.events).encode("utf-8")
    t0 = time.perf_counter()
    timeline = load_bytes(data, "bench.yaml")
    validated = time.perf_counter() - t0
    view = View("all")  # every event, no range
    events = select(timeline, view)
    print(f"{len(events):,} events, {len(data) / 1e6:.1f} MB; load+validate {validated:.2f} s")

    def md() -> str:
        alt = alt_text(timeline, view, events, locale=args.locale)
        return markdown.render(
            timeline, view, events, locale=args.locale, alt_text=alt, image="all.png"
        )

    def txt() -> str:
        return text.render(timeline, view, events, locale=args.locale)

    def page() -> str:
        alt = alt_text(timeline, view, events, locale=args.locale)
        return html.render(timeline, view, events, locale=args.locale, alt_text=alt)

    # One run renders the three outputs in turn from cold caches, as ``timeline render``
    # does for a view (they share the outline of the chronology, built by the first).
    best: dict[str, float] = {}
    sizes: dict[str, int] = {}
    for _ in range(args.repeat):
        when_parts.cache_clear()
        clear_cache()
        for name, fn in (("md", md), ("txt", txt), ("html", page)):
            start = time.perf_counter()
            sizes[name] = len(fn().encode("utf-8"))
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - start)
    for name, seconds in best.items():
        print(f"{name:5} {seconds * 1000:7.0f} ms  {sizes[name] / 1e6:5.1f} MB")
    total = sum(best.values())
    print(f"all   {total * 1000:7.0f} ms  ({total / validated:.2f} x load+validate; target < 1 s")
    print("      for 10,000 events, and growing no faster than the number of events)")


if __name__ == "__main__":
    main()
