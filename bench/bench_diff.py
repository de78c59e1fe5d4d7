"""Benchmark ``timeline diff`` against validating both versions (not a test).

Two 10,000-event chronologies from ``generate.py``: the new version is the old one with a
share of its events edited the ways a chronology changes (redated, confirmed, retitled,
re-sourced, moved to another lane, removed, renamed) and some added. The floor, measured
in the same run, is validating both files; the goal is a diff within 2.5x of it.

Two measures, medians of ``--repeat`` runs each (the floor and the diff run in turns):

- command: fresh processes, ``timeline validate OLD NEW`` against ``timeline diff OLD NEW``
  (what a user waits for);
- library: ``check_bytes`` of both against reading both, ``timeline.diff`` and writing the
  review, in one process (what the diff itself adds).

Usage: python bench/bench_diff.py [--events 10000] [--changed 0.01,1.0] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import chronology

COMMAND = (
    "import contextlib, io, sys\n"
    "from timeline.cli import app\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    try:\n"
    "        app(sys.argv[1:])\n"
    "    except SystemExit as exc:\n"
    "        assert exc.code in (0, 1), exc.code\n"
)

_EVENT = re.compile(r"(?m)^  - id: event-")


def edited(text: str, share: float, seed: int = 7) -> str:
    """``text`` with ``share`` of its events edited (and as many added as removed)."""
    rnd = random.Random(seed)
    head, *events = _EVENT.split(text)
    tail = ""
    last = events[-1]
    if "\nviews:" in last:
        cut = last.index("\nviews:") + 1
        events[-1], tail = last[:cut], last[cut:]
    out = []
    for i, body in enumerate(events):
        entry = "  - id: event-" + body
        if rnd.random() < share:
            kind = rnd.randrange(7)
            if kind == 0:
                entry = re.sub(r"date: ([0-9]{4})", lambda m: f"date: {int(m[1]) - 1}", entry)
            elif kind == 1:
                entry = re.sub(r"certainty: \w+", "certainty: confirmed", entry)
            elif kind == 2:
                entry = entry.replace("    title: Event", "    title: Corrected event")
            elif kind == 3:
                entry = entry.replace("sources: [s1]", "sources: [s1, s2]")
            elif kind == 4:
                entry = re.sub(r"group: [\w-]+", "group: us", entry)
            elif kind == 5:
                out.append(entry.replace(f"id: event-{i}\n", f"id: added-{i}\n"))
                continue  # removed, and a new event added in its place
            else:
                entry = entry.replace(f"id: event-{i}\n", f"id: renamed-{i}\n")
        out.append(entry)
    return head + "".join(out) + tail


def median_times(
    floor: Callable[[], object], measured: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median times of ``floor`` and ``measured``, run in turns so that both see the same
    load on a shared machine."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for run, out in ((floor, times[0]), (measured, times[1])):
            start = time.perf_counter()
            run()
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def command(*args: str) -> Callable[[], object]:
    return lambda: subprocess.run(
        [sys.executable, "-c", COMMAND, *args], check=True, capture_output=True
    )


def _library_runs(old: bytes, new: bytes) -> tuple[Callable[[], object], Callable[[], object]]:
    """Validating both versions, and reading both, diffing them and writing the review."""
    import timeline
    from timeline.diff import render_text
    from timeline.loader.validate import check_bytes

    def validate_both() -> None:
        check_bytes(old, "old.yaml")
        check_bytes(new, "new.yaml")

    def diff_both() -> str:
        before = timeline.load_bytes(old, "old.yaml")
        after = timeline.load_bytes(new, "new.yaml")
        return render_text(timeline.diff(before, after))

    return validate_both, diff_both


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--changed", default="0.01,1.0", help="shares of events edited")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import timeline

    old_text = chronology(args.events)
    print(f"{args.events:,} events per version, medians of {args.repeat} runs")
    print(f"{'edited':>7} {'changes':>8} {'measure':>8} {'floor s':>8} {'diff s':>7} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        old_path = Path(tmp, "old.yaml")
        old_path.write_text(old_text, encoding="utf-8")
        old_bytes = old_path.read_bytes()
        for share in (float(s) for s in args.changed.split(",")):
            new_path = Path(tmp, "new.yaml")
            new_path.write_text(edited(old_text, share), encoding="utf-8")
            new_bytes = new_path.read_bytes()

            validate_both, diff_both = _library_runs(old_bytes, new_bytes)
            found = len(
                timeline.diff(timeline.load_bytes(old_bytes), timeline.load_bytes(new_bytes)).events
            )
            rows = [
                (
                    "command",
                    *median_times(
                        command("validate", str(old_path), str(new_path)),
                        command("diff", str(old_path), str(new_path)),
                        args.repeat,
                    ),
                ),
                ("library", *median_times(validate_both, diff_both, args.repeat)),
            ]
            for name, floor, took in rows:
                print(
                    f"{share:>7.0%} {found:>8,} {name:>8} {floor:>8.3f} {took:>7.3f} "
                    f"{took / floor:>6.2f}"
                )


if __name__ == "__main__":
    main()
