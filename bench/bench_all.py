"""Benchmark every command at 1,000 / 10,000 / 100,000 events (not a test).

For each size: wall time and peak memory of a fresh process for validate, show, render of
each format alone, render of all default outputs, a re-render with nothing changed, and
fmt --check (on the generated, unformatted file and on a formatted copy); beside the
floors measured in the same run: a bare C-loader ``yaml.compose``
with the garbage collector off (loading), and one empty matplotlib figure saved as PNG
(charts).

Usage: python bench/bench_all.py [--sizes 1000,10000,100000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import COMMAND, FLOOR, measure
from generate import chronology

CHART_FLOOR = (
    "import resource, sys\n"
    "from matplotlib.figure import Figure\n"
    "Figure().savefig(sys.argv[1], format='png')\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        chart_floor, chart_mem = measure(CHART_FLOOR, f"{tmp}/empty.png", repeat=3)
        print(
            f"floor: empty matplotlib figure saved as PNG: {chart_floor:.2f} s, {chart_mem:.0f} MiB"
        )
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


if __name__ == "__main__":
    main()
