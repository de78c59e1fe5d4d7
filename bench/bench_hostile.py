"""Every command on every hostile shape at up to 1 MB, against 10 s and 1 GB (not a test).

The shapes are those of ``bench/hostile.py`` (the inputs that once cost minutes or
gigabytes, and their relatives). Each command runs in a fresh process, as a user runs it;
the table gives its wall time (median of ``--repeat``), its peak memory, and its time as a
multiple of the floor measured in the same run: a fresh interpreter importing the command
line and exiting (``timeline --help``), so a loaded machine shows as a higher floor, not
as slow commands. A run over 10 s or 1 GB is marked ``OVER``.

Usage: python bench/bench_hostile.py [--sizes 262144,1048576] [--repeat 1] [--shapes a,b]
       [--commands validate,show,...] [--timeout 120]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile import SHAPES

#: Runs the command line in-process and prints its exit code and peak memory (KiB).
RUN = (
    "import contextlib, io, resource, sys\n"
    "from timeline.cli import app\n"
    "code = 0\n"
    "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
    "    try:\n"
    "        app(sys.argv[1:])\n"
    "    except SystemExit as exc:\n"
    "        code = exc.code or 0\n"
    "print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)
LIMIT_S = 10.0
LIMIT_MB = 1024.0


def commands(path: Path, kind: str, out: Path) -> dict[str, list[str]]:
    """The command lines to run on one input."""
    p = str(path)
    if kind != "yaml":
        return {
            "import": ["import", p, "--from", kind, "-o", str(out / "imported.yaml"), "--force"]
        }
    runs = {
        "validate": ["validate", p],
        "show": ["show", p],
        "fmt --check": ["fmt", "--check", p],
        "render md,txt,html": ["render", p, "-o", str(out), "--format", "md,txt,html", "--force"],
        "render png,svg": ["render", p, "-o", str(out), "--format", "png,svg", "--force"],
    }
    for fmt in ("json", "csv", "ics", "timelinejs", "mermaid", "markwhen"):
        runs[f"export {fmt}"] = ["export", p, "--to", fmt, "-o", str(out / f"export.{fmt}")]
    return runs


def measure(args: list[str], repeat: int, timeout: float) -> tuple[float, float, str]:
    """Median wall time (s), peak memory (MiB) and exit code of fresh processes."""
    times: list[float] = []
    memory, code = 0.0, "?"
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-c", RUN, *args],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return timeout, 0.0, "timeout"
        times.append(time.perf_counter() - start)
        last = done.stdout.split()
        if done.returncode != 0 or len(last) < 2:
            return times[-1], 0.0, f"crash: {done.stderr.strip().splitlines()[-1:]}"
        code, memory = last[-2], max(memory, int(last[-1]) / 1024)
    return statistics.median(times), memory, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="262144,1048576")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--commands", default="")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    wanted = {c.strip() for c in args.commands.split(",") if c.strip()}
    floor, floor_mb, _ = measure(["--help"], max(3, args.repeat), args.timeout)
    print(f"floor: a fresh `timeline --help`: {floor:.2f} s, {floor_mb:.0f} MiB")
    print(
        f"{'shape':<18} {'bytes':>9} {'command':<20} {'exit':>5} {'s':>7} {'xfloor':>7} {'MiB':>6}"
    )
    over = 0
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            for name in args.shapes.split(","):
                kind, data = SHAPES[name](size)
                path = Path(tmp) / f"{name}.{'yaml' if kind == 'yaml' else kind}"
                path.write_bytes(data)
                out = Path(tmp) / f"out-{name}"
                out.mkdir(exist_ok=True)
                for label, argv in commands(path, kind, out).items():
                    if wanted and label not in wanted and label.split()[0] not in wanted:
                        continue
                    seconds, mib, code = measure(argv, args.repeat, args.timeout)
                    bad = seconds > LIMIT_S or mib > LIMIT_MB or not code.isdigit()
                    over += bad
                    print(
                        f"{name:<18} {len(data):>9} {label:<20} {code:>5} {seconds:>7.2f} "
                        f"{seconds / floor:>7.1f} {mib:>6.0f}{'  OVER' if bad else ''}",
                        flush=True,
                    )
    print(f"{over} runs over {LIMIT_S:.0f} s or {LIMIT_MB:.0f} MiB (or not ending cleanly)")


if __name__ == "__main__":
    main()
