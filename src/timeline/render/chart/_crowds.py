"""Crowds: runs of labelled events too close together on the main axis to label there,
which get a zoomed detail panel."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.render.chart._geometry import Mark

__all__ = ["Cluster", "find_clusters"]


def _core(run: list[Mark]) -> list[Mark]:
    """The narrowest stretch of a crowd holding most (80%) of its marks, when that is far
    narrower than the crowd: a burst of days inside a busy year is zoomed on, not the
    whole year around it. Marks are placed by their middle, so a short period that starts
    a little before a burst of points belongs to it."""

    def mid(k: Mark) -> float:
        return (k.x0 + k.x1) / 2

    run = sorted(run, key=mid)
    n = len(run)
    need = max(_MIN_CROWD, math.ceil(0.8 * n))
    if need >= n:
        return run
    best = min(range(n - need + 1), key=lambda i: mid(run[i + need - 1]) - mid(run[i]))
    core = run[best : best + need]
    if (mid(core[-1]) - mid(core[0])) * 4 > mid(run[-1]) - mid(run[0]):
        return run
    return core


@dataclass(frozen=True, slots=True)
class Cluster:
    """A crowd of labelled events too close together on the main axis to label there."""

    marks: tuple[Mark, ...]


#: Width (points) of the bins in which crowds are counted on the main axis.
_BIN = 6.0
#: Only marks this narrow on the main axis (points) join a crowd; wider ones label fine.
_CROWD_WIDTH = 3.0
_MIN_CROWD = 4
#: A bin is crowded when it holds this many times the labels of an average occupied bin.
_DENSER = 3.0
#: A detail panel is worth its space only when it magnifies at least this much.
_MIN_ZOOM = 8.0


def find_clusters(
    marks: Sequence[Mark], panel_width: float, limit: int | None = 2, k: float = 1.0
) -> list[Cluster]:
    """The crowds that deserve a zoomed detail panel, left to right (at most ``limit``;
    every one when ``limit`` is None). ``k`` scales the fixed distances with the type.

    Labelled marks narrow enough to be points on the main axis are counted in bins a few
    points wide. A crowd is a run of adjacent bins holding, with their fuller neighbour, at
    least ``_MIN_CROWD`` labels and ``_DENSER`` times the average of occupied bins, whose
    events fall on at least three different dates and span so little of the axis that a
    panel ``panel_width`` wide magnifies them ``_MIN_ZOOM`` times or more. The biggest
    crowds win; a further crowd needs at least half the labels of the biggest.
    """
    narrow = [mark for mark in marks if mark.labelled and mark.x1 - mark.x0 <= _CROWD_WIDTH * k]
    if len(narrow) < _MIN_CROWD:
        return []
    bins: dict[int, list[Mark]] = {}
    for mark in narrow:
        bins.setdefault(int(mark.x // (_BIN * k)), []).append(mark)
    average = len(narrow) / len(bins)
    need = max(_MIN_CROWD, _DENSER * average)

    def count(b: int) -> int:
        return len(bins.get(b, ()))

    # A crowd may straddle two bins: a bin counts with its fuller neighbour.
    hot = sorted(b for b in bins if count(b) + max(count(b - 1), count(b + 1)) >= need)
    runs: list[list[Mark]] = []
    last = None
    for b in hot:
        if last is not None and b == last + 1:
            runs[-1].extend(bins[b])
        else:
            runs.append(list(bins[b]))
        last = b
    good = []
    for run in (_core(r) for r in runs):
        extent = max(m.x1 for m in run) - min(m.x0 for m in run)
        # Zooming in separates events only if they do not all share one date.
        distinct = len({m.event.when for m in run})
        if distinct >= 3 and panel_width / max(extent, 1.0) >= _MIN_ZOOM:
            good.append(run)
    good.sort(key=lambda r: -len(r))
    if limit is not None and good:
        # Of a few panels, a second must show a crowd of comparable size, not a mere busy
        # patch (without a limit, every crowd gets its panel).
        good = [r for r in good if 2 * len(r) >= len(good[0])]
    chosen = sorted(good[:limit], key=lambda r: min(m.x for m in r))
    return [Cluster(tuple(sorted(run, key=lambda m: m.x))) for run in chosen]
