"""Dense regions: how a region with too many events to draw one by one is drawn.

A region (the main timeline or a detail panel) holding more than :data:`DENSE_ABOVE`
events is *dense*. Its events with a label are still drawn one by one, each under its
label. The others are aggregated, so that a chart of 100,000 events draws a few hundred
shapes instead of 100,000 (which no reader could tell apart, and which make SVG and PDF
files huge and slow):

- **Points** are counted in slices of time of a round length (15 minutes, a day, a month,
  three months, five years...), the shortest at least :data:`MIN_COLUMN` points wide at the
  region's scale. Each lane's counts become a strip along its marker line, shaded by order
  of magnitude (1-9, 10-99, 100-999 events in a slice...), one path per shade.
- **Bars** without a label merge where they overlap within a track: the light spans into
  one set of intervals, the solid cores into another; arrows and dotted tails likewise.
  Claimed and disputed bars are then drawn like the others: certainty shows only on
  events drawn one by one.

The key and the footer say so, naming the slice length.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline.render.chart._axis import Scale
from timeline.render.chart._geometry import Mark

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.path import Path

__all__ = [
    "DENSE_ABOVE",
    "MIN_COLUMN",
    "LaneDensity",
    "MergedBars",
    "Slices",
    "count",
    "level_of",
    "merge_bars",
    "shade",
    "slices_for",
    "strip_paths",
]

#: A region with more events than this is drawn dense (see the module docstring).
DENSE_ABOVE = 5000
#: The narrowest slice of time a dense strip shows, in points (about 4 pixels at 200 dpi).
MIN_COLUMN = 1.5

_DAY = 86400.0
_MONTH = 30.436875 * _DAY  # a Gregorian month on average
_YEAR = 365.2425 * _DAY
#: Round slice lengths, shortest first: (seconds, how many, unit).
_SLICES: tuple[tuple[float, int, str], ...] = (
    *((60.0 * n, n, "minute") for n in (1, 5, 15, 30)),
    *((3600.0 * n, n, "hour") for n in (1, 3, 6, 12)),
    (_DAY, 1, "day"),
    (7 * _DAY, 1, "week"),
    (_MONTH, 1, "month"),
    (3 * _MONTH, 3, "month"),
    *((_YEAR * n, n, "year") for n in (1, 5, 10, 50, 100, 500, 1000)),
)


@dataclass(frozen=True, slots=True)
class Slices:
    """The slices of time a dense region counts events in: ``count`` ``unit`` each
    (e.g. 3 months), ``width`` points wide, the first starting at ``left``."""

    seconds: float
    count: int
    unit: str  # minute, hour, day, week, month, year
    width: float
    left: float
    columns: int


def slices_for(scale: Scale) -> Slices:
    """The shortest round slice at least :data:`MIN_COLUMN` points wide on ``scale``."""
    seconds, n, unit = next(
        (s for s in _SLICES if s[0] * scale.per_second >= MIN_COLUMN), _SLICES[-1]
    )
    width = seconds * scale.per_second
    return Slices(seconds, n, unit, width, scale.left, max(1, math.ceil(scale.width / width)))


def count(slices: Slices, xs: Sequence[float]) -> np.ndarray:
    """How many of the positions ``xs`` (points) fall in each slice."""
    import numpy as np

    if not xs:
        return np.zeros(slices.columns, dtype=np.int64)
    index = np.floor((np.asarray(xs, dtype=float) - slices.left) / slices.width).astype(np.int64)
    np.clip(index, 0, slices.columns - 1, out=index)
    return np.bincount(index, minlength=slices.columns)


def level_of(n: int) -> int:
    """The shade of a slice holding ``n`` events: 0 for 1-9, 1 for 10-99, ..."""
    return int(math.log10(n)) if n >= 1 else -1


def shade(level: int, levels: int) -> float:
    """How much of the lane colour (over the background) shade ``level`` of ``levels`` uses:
    the lightest still visible, the fullest the lane colour itself."""
    return 0.3 + 0.7 * (level + 1) / max(levels, 1)


def strip_paths(
    counts: np.ndarray, slices: Slices, right: float, y0: float, y1: float
) -> list[tuple[int, Path]]:
    """One compound path per shade for a lane's counts, between heights ``y0`` and ``y1``:
    runs of neighbouring slices of the same shade are one rectangle."""
    import numpy as np
    from matplotlib.path import Path

    levels = np.full(counts.shape, -1, dtype=np.int64)
    filled = counts > 0
    levels[filled] = np.floor(np.log10(counts[filled])).astype(np.int64)
    out = []
    for level in sorted(set(levels[filled].tolist())):
        edges = np.diff(np.concatenate(([0], (levels == level).astype(np.int8), [0])))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        x0 = slices.left + starts * slices.width
        x1 = np.minimum(slices.left + ends * slices.width, right)
        n = len(starts)
        verts = np.empty((n, 5, 2))
        verts[:, 0] = np.column_stack((x0, np.full(n, y0)))
        verts[:, 1] = np.column_stack((x1, np.full(n, y0)))
        verts[:, 2] = np.column_stack((x1, np.full(n, y1)))
        verts[:, 3] = np.column_stack((x0, np.full(n, y1)))
        verts[:, 4] = verts[:, 0]
        codes = np.tile(
            np.array([Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]), n
        )
        out.append((int(level), Path(verts.reshape(-1, 2), codes.astype(Path.code_type))))
    return out


@dataclass(frozen=True, slots=True)
class LaneDensity:
    """What a dense lane's strip shows: its points' ``counts`` per slice, and how many
    shades the whole chart uses (so a shade means the same in every lane and panel)."""

    slices: Slices
    counts: np.ndarray
    levels: int


@dataclass
class MergedBars:
    """Bars merged where they overlap, per height: intervals ``(x0, x1, y)``."""

    shells: list[tuple[float, float, float]]
    cores: list[tuple[float, float, float]]
    arrows: list[tuple[float, float]]  # x, y of the bar's bottom
    tails: list[tuple[float, float, float]]


def merge_bars(marks: Iterable[Mark], bar_y: dict[int, float], tail: float) -> MergedBars:
    """Merge the bars of ``marks`` that share a height (a track) where they overlap."""
    shells: dict[float, list[tuple[float, float]]] = {}
    cores: dict[float, list[tuple[float, float]]] = {}
    tails: dict[float, list[tuple[float, float]]] = {}
    arrows: set[tuple[float, float]] = set()
    for k in marks:
        y = bar_y[id(k)]
        x1 = max(k.x1, k.x0 + 1.0)
        shells.setdefault(y, []).append((k.x0, x1))
        if k.solid1 > k.solid0:
            cores.setdefault(y, []).append((k.solid0, k.solid1))
        if k.arrow:
            arrows.add((round(x1, 1), y))
        if k.tail:
            tails.setdefault(y, []).append((x1, x1 + tail))
    return MergedBars(_union(shells), _union(cores), sorted(arrows), _union(tails))


def _union(spans: dict[float, list[tuple[float, float]]]) -> list[tuple[float, float, float]]:
    """The union of each height's intervals, as (x0, x1, y), touching ones joined."""
    out: list[tuple[float, float, float]] = []
    for y in sorted(spans):
        run: list[float] | None = None
        for a, b in sorted(spans[y]):
            if run is not None and a <= run[1] + 0.25:
                run[1] = max(run[1], b)
                continue
            if run is not None:
                out.append((run[0], run[1], y))
            run = [a, b]
        if run is not None:
            out.append((run[0], run[1], y))
    return out
