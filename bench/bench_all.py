"""Benchmark every command at 1,000 / 10,000 / 100,000 events (not a test).

For each size: wall time and peak memory of a fresh process for validate, show, render of
each format alone, render of all default outputs, a re-render with nothing changed, and
fmt --check (on the generated, unformatted file and on a formatted copy); beside the
floors measured in the same run: a bare C-loader ``yaml.compose``
with the garbage collector off (loading), and an empty matplotlib figure of the same pixel
size as the chart made, saved as PNG (charts). Every number is the median of ``--repeat``
fresh processes (at least 3); ``bench/table.py`` gives the ratios pair by pair.

Usage: python bench/bench_all.py [--sizes 1000,10000,100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import empty_figure_floor, png_size
from bench_validate import COMMAND, FLOOR, measure
from generate import chronology


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.repeat < 3:
        parser.error("--repeat must be at least 3: the numbers are medians")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'events':>7} {'what':<26} {'s':>7} {'MiB':>6}")
        for n in (int(s) for s in args.sizes.split(",")):
            src = Path(tmp) / f"t{n}.yaml"
            src.write_text(chronology(n), encoding="utf-8")
            out = Path(tmp) / f"out{n}"
            runs: list[tuple[str, str, list[str]]] = [
                ("floor: yaml.compose", FLOOR, [str(src)]),
                ("validate", COMMAND, ["validate", str(src)]),
                ("show", COMMAND, ["show", str(src)]),
            ]
            for fmt in ("png", "svg", "pdf", "md", "txt", "html"):
                runs.append(
                    (
                        f"render --format {fmt}",
                        COMMAND,
                        [
                            "render",
                            str(src),
                            "-o",
                            str(out / fmt),
                            "--format",
                            fmt,
                            "--force",
                            "-q",
                        ],
                    )
                )
            runs += [
                (
                    "render (all defaults)",
                    COMMAND,
                    ["render", str(src), "-o", str(out / "all"), "--force", "-q"],
                ),
                (
                    "render again, unchanged",
                    COMMAND,
                    ["render", str(src), "-o", str(out / "all"), "-q"],
                ),
                (
                    "fmt --check",
                    COMMAND.replace("assert not exc.code", "assert exc.code in (0, 1)"),
                    ["fmt", "--check", str(src)],
                ),
            ]
            formatted = Path(tmp) / f"formatted{n}.yaml"
            formatted.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
            subprocess.run(
                [sys.executable, "-m", "timeline", "fmt", str(formatted)],
                check=True,
                capture_output=True,
            )
            runs.append(("fmt --check, formatted", COMMAND, ["fmt", "--check", str(formatted)]))
            for label, code, argv in runs:
                try:
                    seconds, mib = measure(code, *argv, repeat=args.repeat)
                except Exception as exc:  # report and go on: one failing command is a finding
                    print(f"{n:>7} {label:<26} failed: {exc}")
                    continue
                print(f"{n:>7} {label:<26} {seconds:>7.2f} {mib:>6.0f}", flush=True)
                if label == "render --format png":
                    _chart_floor(n, out / "png", Path(tmp) / "empty.png", args.repeat)


def _chart_floor(n: int, folder: Path, empty: Path, repeat: int) -> None:
    """The floor of the charts just made: an empty figure of the largest one's pixel size."""
    width, height, dpi = max((png_size(p) for p in folder.glob("*.png")), key=lambda s: s[0] * s[1])
    argv = empty_figure_floor(width, height, dpi, empty)
    seconds, mib = measure(argv[1], *argv[2:], repeat=repeat)
    label = f"floor: empty {width}x{height}"
    print(f"{n:>7} {label:<26} {seconds:>7.2f} {mib:>6.0f}", flush=True)


if __name__ == "__main__":
    main()
