"""The down chart's time axis: stretches of time, each at its own scale, joined by breaks.

A chronology of thirteen years and three crowded days cannot be drawn on one linear axis
down a page: either the years take metres or the days take a hair. So the axis is cut where
nothing happens for a while (a *break*), and each stretch between breaks gets the scale its
labels need. Where the cuts go is chosen by a small dynamic programme over the empty
stretches: it minimises the chart's height, where each stretch is as tall as the most
demanding run of its labels requires (so that no label has to move far from its mark), and
each break costs its own height plus a penalty, so that breaks appear only where they save
much more than they cost. Time within a stretch is linear; only empty time is ever cut out.

Everything here is in points measured *downwards* from the top of the chart's body.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from timeline.dates import Date, Precision
from timeline.i18n.phrases import date_phrase
from timeline.render.chart._axis import _STEPS, Tick, _epoch, _tick, _wall, _walls

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "AxisRules",
    "Stretch",
    "TimeAxis",
    "axis_ticks",
    "merge",
    "plan_stretches",
    "split_tick",
]


@dataclass(frozen=True, slots=True)
class AxisRules:
    """The distances the axis planner works with, in points."""

    #: How far a label may sit below its mark before the scale must spread time out.
    drift: float = 40.0
    #: The shortest stretch.
    least: float = 30.0
    #: Room above and below the time of a stretch (markers there stay off the breaks).
    pad: float = 8.0
    #: The height of a break.
    gap: float = 16.0
    #: What a break costs beyond its height: breaks must save more than this.
    penalty: float = 40.0
    #: ... and a break that cuts out less than a tenth of the time shown costs this much:
    #: only a crowd that needs a far larger scale than its surroundings warrants one.
    short_penalty: float = 240.0
    #: At most this many points per second (a minute is never taller than 40 points).
    max_rate: float = 40.0 / 60.0
    #: At most this many points for a stretch's time (a part's room): a stack of labels on
    #: a one-minute mark, or a crowd of minutes inside a day-long bar, would otherwise ask
    #: for metres. Its labels then stand further below their marks.
    most: float = math.inf


@dataclass(frozen=True, slots=True)
class Stretch:
    """A stretch of time ``t0``-``t1`` (epoch seconds) drawn from ``top`` down at ``rate``
    points per second, with ``pad`` points of room above and below (and ``tail`` more
    below, so that a label at its top fits)."""

    t0: float
    t1: float
    top: float
    rate: float
    pad: float
    tail: float = 0.0

    @property
    def bottom(self) -> float:
        return self.top + 2 * self.pad + (self.t1 - self.t0) * self.rate + self.tail

    def y(self, t: float) -> float:
        return self.top + self.pad + (t - self.t0) * self.rate


class TimeAxis:
    """Where each instant is: in its stretch, or (for time cut out) across the break."""

    def __init__(self, stretches: Sequence[Stretch]) -> None:
        self.stretches = list(stretches)
        self._starts = [s.t0 for s in self.stretches]

    @property
    def top(self) -> float:
        return self.stretches[0].top

    @property
    def bottom(self) -> float:
        return self.stretches[-1].bottom

    @property
    def breaks(self) -> list[tuple[float, float]]:
        """The top and bottom of each break, in order."""
        s = self.stretches
        return [(s[k].bottom, s[k + 1].top) for k in range(len(s) - 1)]

    def ys(self, times: np.ndarray) -> np.ndarray:
        """:meth:`y` of many instants at once: the mapping is piecewise linear."""
        import numpy as np

        knots_t = [x for s in self.stretches for x in (s.t0, s.t1)]
        knots_y = [y for s in self.stretches for y in (s.y(s.t0), s.y(s.t1))]
        out: np.ndarray = np.interp(times, knots_t, knots_y)
        return out

    def y(self, t: float) -> float:
        """The y of instant ``t``; time cut out by a break is spread across the break (so
        bars crossing it stay continuous), time before or after the axis is clamped."""
        k = bisect_right(self._starts, t) - 1
        if k < 0:
            return self.stretches[0].y(self.stretches[0].t0)
        s = self.stretches[k]
        if t <= s.t1:
            return s.y(t)
        if k + 1 == len(self.stretches):
            return s.y(s.t1)
        n = self.stretches[k + 1]
        y0, y1 = s.y(s.t1), n.y(n.t0)
        return y0 + (y1 - y0) * (t - s.t1) / (n.t0 - s.t1)


def merge(intervals: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping or touching intervals joined, in order."""
    out: list[tuple[float, float]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


#: At most this many empty stretches are considered for a break: the longest, and those
#: that stand out most from their neighbours (the edges of a crowd).
_MAX_CANDIDATES = 48


def plan_stretches(
    anchors: Sequence[float],
    spans: Sequence[float],
    extents: Sequence[float],
    heights: Sequence[float],
    occupied: Sequence[tuple[float, float]],
    rules: AxisRules,
) -> list[tuple[float, float, float]]:
    """The stretches ``(t0, t1, rate)`` that cover ``occupied`` (merged, in order).

    ``anchors`` are the times of the labels in order, ``spans`` where what each label's
    date can mean ends (a day-dated event may be any time that day, so no scale separates
    it from a later event of the same day), ``extents`` where each label's mark ends (a
    period's end), ``heights`` the room each takes (its gap below included).

    A stretch's scale is the largest of: what its most crowded run of labels needs (no
    label more than ``rules.drift`` below its mark; labels at one time stack, and their
    marks are made to reach the last of them where the marks last long enough), what
    spreads its labels evenly between its first and last label time, and a least height
    (smaller for a stretch far shorter than the whole). A break can only fall between two
    occupied intervals; one that cuts out less than a tenth of the time costs much more.
    The breaks are chosen by dynamic programming to make the chart as short as possible.
    Deterministic.
    """
    import numpy as np

    lo, hi = occupied[0][0], occupied[-1][1]
    total = max(hi - lo, 1.0)
    gaps = _candidates(occupied)
    n = len(anchors)
    a = np.asarray(anchors, dtype=float)
    sp = np.asarray(spans, dtype=float)
    prefix = np.concatenate([[0.0], np.cumsum(np.asarray(heights, dtype=float))])
    table = _pair_rates(a, sp, extents, prefix, rules.drift)
    starts = np.asarray([lo] + [g[1] for g in gaps])  # the stretch after boundary i begins
    ends = np.asarray([g[0] for g in gaps] + [hi])  # the stretch up to boundary j ends
    first = np.searchsorted(a, starts, "left")
    last = np.searchsorted(a, ends, "right")
    cut = starts[1:] - ends[:-1]
    toll = rules.gap + np.where(cut >= 0.1 * total, rules.penalty, rules.short_penalty)

    def rates(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The scales and heights of the stretches from boundaries ``i`` to ``j``."""
        t0, t1 = starts[i], ends[j]
        span = t1 - t0
        dur = np.maximum(span, 1.0)
        least = rules.least * np.minimum(1.0, dur / (0.05 * total)) / dur
        p = first[i]
        q = np.maximum(last[j], p)
        r = least.copy()
        many = (q - p >= 2) & (p < n)
        if n and many.any():
            pm, qm = p[many], q[many]
            a0, a1 = sp[pm], a[qm - 1]
            # Spread evenly: the labels before the last time fit between the end of the
            # first one's date and the last time.
            upto = np.searchsorted(a, a1, "left")
            room = a1 - a0
            fill = np.where(room > 0.5, (prefix[upto] - prefix[pm]) / np.maximum(room, 0.5), 0.0)
            r[many] = np.maximum(r[many], fill)
            if table is not None:
                r[many] = np.maximum(r[many], table[pm, qm])
        r = np.minimum(r, np.maximum(rules.max_rate, least))
        r = np.minimum(r, np.maximum(least, rules.most / dur))
        height = np.maximum(r * span, prefix[q] - prefix[p]) + 2 * rules.pad
        return r, height

    m = len(ends)
    ii, jj = np.triu_indices(m)
    heights_ij = np.full((m, m), math.inf)
    heights_ij[ii, jj] = rates(ii, jj)[1]
    columns = heights_ij.T.tolist()  # columns[j][i]: the stretch from i to j
    tolls = toll.tolist()
    best = [0.0] * m
    back = [0] * m
    for j in range(m):
        row = columns[j]
        k, c = 0, row[0]
        for i in range(1, j + 1):
            v = best[i - 1] + tolls[i - 1] + row[i]
            if v < c:
                k, c = i, v
        best[j], back[j] = c, k
    chosen = []
    j = m - 1
    while True:
        i = back[j]
        chosen.append((i, j))
        if i == 0:
            break
        j = i - 1
    chosen.reverse()
    scale = rates(np.asarray([i for i, _ in chosen]), np.asarray([j for _, j in chosen]))[0]
    return [
        (float(starts[i]), float(ends[j]), float(r))
        for (i, j), r in zip(chosen, scale.tolist(), strict=True)
    ]


def _candidates(occupied: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The empty stretches between occupied intervals that may become breaks: all of them,
    or the longest and those longest next to their neighbours (a crowd's edges)."""
    import numpy as np

    if len(occupied) - 1 <= _MAX_CANDIDATES:
        return [(occupied[k][1], occupied[k + 1][0]) for k in range(len(occupied) - 1)]
    both = np.asarray(occupied, dtype=float)
    begin, end = both[:-1, 1], both[1:, 0]
    lengths = end - begin
    half = _MAX_CANDIDATES // 2
    longest = np.argsort(-lengths, kind="stable")[:half]
    # Against the mean of the six neighbours around each.
    near = (np.convolve(lengths, np.ones(7), mode="same") - lengths) / 6.0
    standing = lengths / np.maximum(near, 1.0)
    standing[longest] = -np.inf
    outstanding = np.argsort(-standing, kind="stable")[:half]
    keep = np.unique(np.concatenate([longest, outstanding]))
    return list(zip(begin[keep].tolist(), end[keep].tolist(), strict=True))


def _pair_rates(
    a: np.ndarray, spans: np.ndarray, extents: Sequence[float], s: np.ndarray, drift: float
) -> np.ndarray | None:
    """A table: at ``[p, q]``, the least scale (points per second) at which none of the
    labels ``p`` to ``q - 1`` sits more than ``drift`` below its mark. For every pair
    ``i < j`` the labels between need ``s[j] - s[i]`` points, of which the time from the
    end of ``i``'s date to ``j`` must provide all but ``drift``. Pairs whose dates overlap
    are left out, and so are labels after the first at the same time: they stack whatever
    the scale; instead, each group of labels at one time needs the scale at which the
    shortest of their marks reaches the last of them. None for fewer than two labels."""
    import numpy as np

    n = len(a)
    if n < 2:
        return None
    dt = a[None, :] - spans[:, None]
    room = s[None, :n] - s[:n, None] - drift
    with np.errstate(divide="ignore", invalid="ignore"):
        v = np.where(dt > 0.5, room / np.where(dt > 0.5, dt, 1.0), -np.inf)
    v[np.tril_indices(n)] = -np.inf
    # Only the first label at each time: the others stack under it whatever the scale.
    v[:, 1:][:, a[1:] == a[:-1]] = -np.inf
    start = 0
    for k in range(1, n + 1):
        if k == n or a[k] != a[start]:
            if k - start >= 2:
                lasting = min(extents[start:k]) - a[start]
                if lasting > 0.5:
                    v[start, k - 1] = (s[k - 1] - s[start]) / lasting
            start = k
    # best[i, q]: the most any pair (i, j < q) needs; then the most over i >= p.
    rows = np.concatenate([np.full((n, 1), -np.inf), np.maximum.accumulate(v, axis=1)], axis=1)
    table: np.ndarray = np.maximum.accumulate(rows[::-1], axis=0)[::-1]
    return np.concatenate([table, np.full((1, n + 1), -np.inf)], axis=0)


# -- ticks ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AxisTick:
    """One labelled tick: its y, its text (one or two lines) and whether it is bold (a tick
    that also names the coarser unit: the year, the month, the day)."""

    y: float
    lines: tuple[str, ...]
    bold: tuple[bool, ...]
    #: True when the text names the span after the tick (set just below it); False for a
    #: clock time, centred on its tick.
    span: bool


def axis_ticks(
    stretch: Stretch, tz: tzinfo, locale: str, line: float, *, split: bool = False
) -> list[AxisTick]:
    """The ticks of one stretch, none closer than their text allows, every label inside the
    stretch. Unless a tick stands at the stretch's top, a label there gives the date where
    it starts ("2011", "Sep 2024", "27 Nov 2024", or the day and the time), and ticks too
    close to it give way; the first tick shown names the coarser unit too, so every
    stretch says its year. With ``split``, each label line is broken at its last space
    ("27 Nov" over "2024"), for a narrow axis."""
    fold = split_tick if split else _same
    height = (stretch.t1 - stretch.t0) * stretch.rate
    span = max(stretch.t1 - stretch.t0, 1.0)
    # The coarsest unit when not even it fits (ten thousand years in a few points): its
    # labels then give way to each other below; a finer one would make ticks without end.
    unit, step = _STEPS[0][0], _STEPS[0][1]
    for candidate in _STEPS:
        # A clock time may carry its day on a second line.
        lines = 2.2 if candidate[0] in ("hour", "minute") else 1.4
        if span / candidate[2] * lines * line > max(height, 1.0):
            break
        unit, step = candidate[0], candidate[1]
    out: list[AxisTick] = []
    bottom = -math.inf
    previous: datetime | None = None
    top_y = stretch.y(stretch.t0)
    walls = _walls(unit, step, stretch.t0, stretch.t1, tz)
    inside = [w for w in walls if stretch.t0 <= _epoch(w, tz) <= stretch.t1]
    if not inside or stretch.y(_epoch(inside[0], tz)) - top_y > 0.5:
        wall = _wall_of(stretch.t0, tz)
        tick = fold(_start_tick(top_y, wall, unit, locale))
        out.append(tick)
        bottom = tick.y + 1.0 + len(tick.lines) * line
        previous = wall
    for wall in inside:
        y = stretch.y(_epoch(wall, tz))
        tick = fold(_vertical(_tick(y, unit, wall, previous, locale), unit, wall, locale))
        top = y + 1.0 if tick.span else y - line / 2
        # Each label stays inside its stretch, clear of the one above.
        if top < bottom + 2.0 or top + len(tick.lines) * line > stretch.bottom:
            continue
        out.append(tick)
        bottom = top + len(tick.lines) * line
        previous = wall
    return out


def _same(tick: AxisTick) -> AxisTick:
    return tick


def split_tick(tick: AxisTick) -> AxisTick:
    """``tick`` with each line broken at its last space: "27 Nov 2024" becomes "27 Nov"
    over "2024" (the year, or what ends the phrase in any language, on its own line)."""
    lines: list[str] = []
    bold: list[bool] = []
    for text, b in zip(tick.lines, tick.bold, strict=True):
        head, space, tail = text.rpartition(" ")
        parts = [head, tail] if space and head.strip() and tail.strip() else [text]
        lines.extend(parts)
        bold.extend([b] * len(parts))
    return AxisTick(tick.y, tuple(lines), tuple(bold), tick.span)


def _wall_of(t: float, tz: tzinfo) -> datetime:
    # The across axis's helper: it keeps the instant within years 1-9999, where a year-1
    # morning east of Greenwich (year 0 in UTC) would make fromtimestamp fail.
    return _wall(t, tz)


def _vertical(tick: Tick, unit: str, wall: datetime, locale: str) -> AxisTick:
    """A tick of the across axis, written for a vertical axis: a tick that names the
    coarser unit says the whole date on one line ("27 Nov 2024", "Mar 2024"); a clock
    time gets its day on the line below."""
    if tick.context is None:
        return AxisTick(tick.x, (tick.label,), (False,), tick.span)
    if unit == "month":
        d = Date(wall.year, wall.month, precision=Precision.MONTH)
        return AxisTick(tick.x, (date_phrase(d, short=True, locale=locale),), (True,), True)
    if unit == "day":
        d = Date(wall.year, wall.month, wall.day, precision=Precision.DAY)
        return AxisTick(tick.x, (date_phrase(d, short=True, locale=locale),), (True,), True)
    return AxisTick(tick.x, (tick.label, tick.context), (False, True), tick.span)


def _start_tick(y: float, wall: datetime, unit: str, locale: str) -> AxisTick:
    """The date where a stretch starts, as precisely as it needs: a year, a month or a
    day where it starts on one, else the day and the time."""
    if (wall.month, wall.day, wall.hour, wall.minute) == (1, 1, 0, 0):
        return AxisTick(y, (f"{wall.year}",), (True,), True)
    if (wall.day, wall.hour, wall.minute) == (1, 0, 0) and unit in ("year", "month"):
        d = Date(wall.year, wall.month, precision=Precision.MONTH)
        return AxisTick(y, (date_phrase(d, short=True, locale=locale),), (True,), True)
    day = Date(wall.year, wall.month, wall.day, precision=Precision.DAY)
    text = date_phrase(day, short=True, locale=locale)
    if (wall.hour, wall.minute) == (0, 0) and unit not in ("hour", "minute"):
        return AxisTick(y, (text,), (True,), True)
    return AxisTick(y, (f"{wall.hour:02d}:{wall.minute:02d}", text), (False, True), True)
