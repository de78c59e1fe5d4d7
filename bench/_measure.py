"""Shared by the benchmark scripts (not a test): timing fresh processes, and the floors.

Every measurement is a fresh process, as a user runs a command: its wall time and its peak
resident memory (from ``wait4``, so the command needs no cooperation). A comparison runs the
floor and the command in turn, pair by pair, and reports medians: on a shared, noisy
machine a pair's ratio is steadier than either time alone.
"""

from __future__ import annotations

import os
import statistics
import struct
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "COMPOSE_FLOOR",
    "IMPORT_FLOOR",
    "Pair",
    "compare",
    "empty_figure_floor",
    "png_size",
    "run",
    "timeline_command",
]

#: Reading the file with the C loader and the cycle collector off: nothing that checks a
#: chronology can be faster than reading it.
COMPOSE_FLOOR = [
    "-c",
    "import gc, sys, yaml\n"
    "gc.disable()\n"
    "yaml.compose(open(sys.argv[1], 'rb').read(), Loader=yaml.CSafeLoader)\n",
]
#: Starting Python with the two libraries every command needs.
IMPORT_FLOOR = ["-c", "import yaml, typer"]


def empty_figure_floor(width: int, height: int, dpi: float, path: Path) -> list[str]:
    """Import matplotlib and save one empty figure of ``width`` x ``height`` pixels as PNG:
    no chart of that size can be made faster."""
    return [
        "-c",
        "import sys\n"
        "from matplotlib.figure import Figure\n"
        f"dpi = {dpi!r}\n"
        f"Figure(figsize=({width} / dpi, {height} / dpi), dpi=dpi).savefig(\n"
        "    sys.argv[1], format='png', dpi=dpi)\n",
        str(path),
    ]


def timeline_command(*args: str) -> list[str]:
    """The installed ``timeline`` command (its console script), as a user runs it."""
    script = Path(sys.executable).with_name("timeline")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "timeline", *args]


#: Bytecode is written and reused, as after ``pip install`` (which compiles every module):
#: a setting that forbids it would charge each run for compiling the project's modules.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(
    argv: list[str], *, cwd: Path | None = None, ok: tuple[int, ...] = (0,)
) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of one fresh process running ``argv``
    (a list starting with ``-c`` or a script is run with this Python)."""
    if argv[0] == "-c" or argv[0].endswith(".py"):
        argv = [sys.executable, *argv]
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        message = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise RuntimeError(f"{' '.join(argv[:4])} exited {proc.returncode}: {message}")
    return elapsed, usage.ru_maxrss / 1024


@dataclass(frozen=True)
class Pair:
    """Medians of a floor and a command measured in turn; ``ratio`` is the median of the
    pairs' ratios."""

    floor: float
    command: float
    ratio: float
    peak_mib: float


def compare(
    floor: list[str],
    command: list[str],
    *,
    repeat: int,
    cwd: Path | None = None,
    ok: tuple[int, ...] = (0,),
) -> Pair:
    """Run ``floor`` and ``command`` in turn ``repeat`` times (after one unmeasured warm-up
    of each, so both read warm caches)."""
    run(floor, cwd=cwd)
    run(command, cwd=cwd, ok=ok)
    floors, commands, ratios, peaks = [], [], [], []
    for _ in range(repeat):
        f, _ = run(floor, cwd=cwd)
        c, peak = run(command, cwd=cwd, ok=ok)
        floors.append(f)
        commands.append(c)
        ratios.append(c / f)
        peaks.append(peak)
    return Pair(
        statistics.median(floors),
        statistics.median(commands),
        statistics.median(ratios),
        max(peaks),
    )


def png_size(path: Path) -> tuple[int, int, float]:
    """Width and height in pixels of a PNG file, and its resolution in dots per inch
    (72 when it does not say)."""
    data = path.read_bytes()
    width, height = struct.unpack(">II", data[16:24])
    dpi = 72.0
    at = data.find(b"pHYs")
    if at != -1:
        x, _, unit = struct.unpack(">IIB", data[at + 4 : at + 13])
        if unit == 1:
            dpi = round(x * 0.0254, 2)
    assert zlib.crc32(data[12:29]) == struct.unpack(">I", data[29:33])[0], "not a PNG"
    return width, height, dpi
