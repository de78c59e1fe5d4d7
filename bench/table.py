"""The speed table: every command measured against its floor in the same run (not a test).

Each row runs a floor (bare Python doing the unavoidable work) and the command in turn, in
fresh processes, ``--repeat`` times, and prints the medians and the median of the pairs'
ratios beside the goal:

- ``timeline --help`` against starting Python and importing yaml and typer;
- ``timeline validate`` of generated chronologies (``generate.py``) against reading them
  with the C loader, garbage collector off;
- ``timeline render`` of the sample (all default outputs) and of 10,000 events (PNG) against
  saving an empty matplotlib figure of the same pixel size as the largest chart made;
- ``timeline fmt --check`` of formatted and unformatted files against the same reading floor,
  with the peak memory of the largest;
- ``timeline import`` of a CSV file of 10,000 rows (the generated chronology exported) against
  reading the chronology it writes: no formal goal, but it should cost a small multiple of
  validating it (compare with the validate row of the same size).

Usage: python bench/table.py [--repeat 3] [--only validate,fmt,import] [--no-large]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import (
    COMPOSE_FLOOR,
    IMPORT_FLOOR,
    Pair,
    compare,
    empty_figure_floor,
    png_size,
    run,
    timeline_command,
)
from generate import chronology

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "timeline.yaml"


@dataclass(frozen=True)
class Row:
    """One line of the table: what is measured, against which floor, and the goal."""

    what: str
    floor_name: str
    goal: float | None
    measure: Callable[[int], tuple[Pair, str]]
    memory_goal_mib: float | None = None
    large: bool = False


class Files:
    """The generated inputs, made once in a temporary folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def raw(self, n: int) -> Path:
        path = self.folder / f"chronology-{n}.yaml"
        if not path.exists():
            path.write_text(chronology(n), encoding="utf-8")
        return path

    def formatted(self, n: int) -> Path:
        path = self.folder / f"formatted-{n}.yaml"
        if not path.exists():
            path.write_bytes(self.raw(n).read_bytes())
            run(timeline_command("fmt", str(path)))
        return path

    def csv(self, n: int) -> Path:
        path = self.folder / f"chronology-{n}.csv"
        if not path.exists():
            run(timeline_command("export", str(self.raw(n)), "--to", "csv", "-o", str(path)))
        return path


def _compose(path: Path) -> list[str]:
    return [*COMPOSE_FLOOR, str(path)]


def _chart_floor(out: Path, floor_png: Path) -> tuple[list[str], str]:
    """The empty-figure floor of the largest PNG in ``out``, and its size for the table."""
    sizes = [png_size(p) for p in sorted(out.glob("*.png"))]
    width, height, dpi = max(sizes, key=lambda s: s[0] * s[1])
    return empty_figure_floor(width, height, dpi, floor_png), f"{width}x{height}"


def rows(files: Files, work: Path) -> list[Row]:
    """Every row of the table, measured when called."""

    def help_row(repeat: int) -> tuple[Pair, str]:
        return compare(IMPORT_FLOOR, timeline_command("--help"), repeat=repeat, cwd=work), ""

    def validate_row(n: int) -> Callable[[int], tuple[Pair, str]]:
        def measure(repeat: int) -> tuple[Pair, str]:
            path = files.raw(n)
            command = timeline_command("validate", str(path))
            return compare(_compose(path), command, repeat=repeat, cwd=work), ""

        return measure

    def render_row(source: Callable[[], Path], *options: str) -> Callable[[int], tuple[Pair, str]]:
        def measure(repeat: int) -> tuple[Pair, str]:
            out = work / f"render-{source().stem}"  # its own folder: its own charts
            command = timeline_command(
                "render", str(source()), "-o", str(out), "--force", "-q", *options
            )
            run(command, cwd=work)  # once, to learn the pixel size of the charts it makes
            floor, size = _chart_floor(out, work / "empty.png")
            return compare(floor, command, repeat=repeat, cwd=work), f"empty {size} figure"

        return measure

    def fmt_row(n: int, *, formatted: bool) -> Callable[[int], tuple[Pair, str]]:
        def measure(repeat: int) -> tuple[Pair, str]:
            path = files.formatted(n) if formatted else files.raw(n)
            command = timeline_command("fmt", "--check", str(path))
            ok = (0,) if formatted else (1,)
            return compare(_compose(path), command, repeat=repeat, cwd=work, ok=ok), ""

        return measure

    def import_row(n: int) -> Callable[[int], tuple[Pair, str]]:
        def measure(repeat: int) -> tuple[Pair, str]:
            source, out = files.csv(n), work / f"imported-{n}.yaml"
            command = timeline_command("import", str(source), "-o", str(out), "--force")
            run(command, cwd=work)  # once, to have the chronology it writes for the floor
            return compare(_compose(out), command, repeat=repeat, cwd=work), "of the result"

        return measure

    compose = "C yaml.compose, GC off"
    return [
        Row("timeline --help", "python -c 'import yaml, typer'", 1.3, help_row),
        Row("validate 1,000 events", compose, 2.0, validate_row(1_000)),
        Row("validate 10,000", compose, 1.6, validate_row(10_000)),
        Row("validate 100,000", compose, 1.6, validate_row(100_000), large=True),
        Row(
            "render sample, all outputs",
            "empty figure saved",
            1.6,
            render_row(lambda: SAMPLE),
        ),
        Row(
            "render 10,000, PNG",
            "empty figure saved",
            3.0,
            render_row(lambda: files.raw(10_000), "--format", "png"),
        ),
        Row("fmt --check 10,000, formatted", compose, 2.5, fmt_row(10_000, formatted=True)),
        Row("fmt --check 10,000, unformatted", compose, 5.0, fmt_row(10_000, formatted=False)),
        Row(
            "fmt --check 100,000, formatted",
            compose,
            2.5,
            fmt_row(100_000, formatted=True),
            memory_goal_mib=1024,
            large=True,
        ),
        Row("import 10,000 CSV rows", compose, None, import_row(10_000)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="pairs per row (at least 3)")
    parser.add_argument("--only", default="", help="comma-separated words: rows to run")
    parser.add_argument("--no-large", action="store_true", help="skip the 100,000-event rows")
    args = parser.parse_args()
    if args.repeat < 3:
        parser.error("--repeat must be at least 3: the table reports medians")
    only = [w.strip() for w in args.only.split(",") if w.strip()]
    print(f"medians of {args.repeat} pairs, fresh processes; Python {sys.version.split()[0]}")
    print()
    print("| what | time (s) | floor | floor (s) | ratio | goal | peak (MiB) |")
    print("|---|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = Files(work)
        for row in rows(files, work):
            if only and not any(w in row.what for w in only):
                continue
            if row.large and args.no_large:
                continue
            try:
                pair, floor_note = row.measure(args.repeat)
            except Exception as exc:  # one failing command is a finding, not the end
                print(f"| {row.what} | failed: {exc} | | | | | |", flush=True)
                continue
            floor = f"{row.floor_name} ({floor_note})" if floor_note else row.floor_name
            if row.goal is None:
                goal = "—"
            else:
                met = pair.ratio <= row.goal
                goal = f"≤ {row.goal}x"
                if row.memory_goal_mib is not None:
                    met = met and pair.peak_mib <= row.memory_goal_mib
                    goal += f", ≤ {row.memory_goal_mib:.0f} MiB"
                goal += " met" if met else " NOT met"
            print(
                f"| {row.what} | {pair.command:.3f} | {floor} | {pair.floor:.3f} "
                f"| {pair.ratio:.2f}x | {goal} "
                f"| {pair.peak_mib:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
