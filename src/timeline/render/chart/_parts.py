"""Splitting a chart into consecutive parts that each fit their destination's height.

When every label of a view cannot stand at the minimum type within the destination's
maximum height, the view's events (in their documented order) are cut into consecutive
runs, each drawn as a complete chart with its own axis, key and "1 of 3". Each run is as
long as still fits; the cuts are then moved to where the events are furthest apart in
time, when the same number of parts still holds them. A part's axis runs from its first
event to where the next part begins (a period running on past that is cut at the edge; its
label gives its dates).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from timeline.model import Event
from timeline.render.chart._plan import Plan, Planner, pad_span

__all__ = ["split"]

#: While searching, the header is laid out as for this many parts (the widest "n of N"
#: it may carry), so that a part found to fit still fits with its final number.
_ANY = 99


def split(planner: Planner, events: Sequence[Event]) -> list[Plan]:
    """The plans of the parts of ``events``: one when the chart fits (or its destination
    has no height limit), else as few as fit, cut where the events are furthest apart in
    time. A chart that labels what fits (not every label) is one part, made to fit."""
    events = list(events)
    if not planner.complete and planner.max_height is not None:
        return [_within(planner, events)]
    whole = planner.plan(events)
    if planner.fits(whole) or not planner.complete or not events:
        return [whole]
    cuts = _greedy(planner, events)
    n = len(cuts) - 1
    # Better cuts, tried in turn: even parts cut at wide gaps; else each part cut at the
    # widest gap of its last third.
    better = _natural(planner, events, n)
    if better is None:
        better = _greedy(planner, events, natural=True)
    if len(better) - 1 <= n:
        cuts, n = better, len(better) - 1
    return [
        planner.plan(events[a:b], part=i + 1, parts=n, span=_span(planner, events, a, b))
        for i, (a, b) in enumerate(itertools.pairwise(cuts))
    ]


def _within(planner: Planner, events: list[Event]) -> Plan:
    """A chart that labels what fits (more than ``ALL_LABELS`` events to label) is never
    split: it takes fewer label rows and bar tracks until it is within its destination's
    height, and gives up its detail panels if even that is not enough."""
    panels = planner.detail
    planner.detail = False
    planner.shrink_to(_LEAST)
    least = planner.plan(events)
    if not planner.fits(least) or least.main is None or planner.max_height is None:
        return least  # as small as it gets
    if panels and least.height + least.main.height <= planner.max_height:
        # A panel takes about as much as the main timeline: try only where that fits.
        planner.detail = True
        with_panels = planner.plan(events)
        if planner.fits(with_panels):
            return _largest(planner, events, with_panels)
        planner.detail = False
    return _largest(planner, events, least)


def _largest(planner: Planner, events: list[Event], least: Plan) -> Plan:
    """The plan with the largest budget that fits (``least`` fits), found by bisection:
    the height grows with the budget."""
    lo, hi, best = _LEAST, 1.0, least
    for _ in range(4):
        mid = (lo + hi) / 2
        planner.shrink_to(mid)
        trial = planner.plan(events)
        if planner.fits(trial):
            lo, best = mid, trial
        else:
            hi = mid
    planner.shrink_to(lo)
    return best


#: The smallest share of the usual row and track limits a huge chart is given.
_LEAST = 0.05


def _fits(planner: Planner, events: list[Event], a: int, b: int) -> bool:
    """True when ``events[a:b]`` fit in one part (each run is planned once)."""
    known = planner.memo.get((a, b))
    if known is None:
        plan = planner.plan(events[a:b], part=1, parts=_ANY, span=_span(planner, events, a, b))
        known = planner.memo[(a, b)] = planner.fits(plan)
    return known


def _longest(planner: Planner, events: list[Event], a: int) -> int:
    """The largest ``b`` such that ``events[a:b]`` fits (at least ``a + 1``)."""
    n = len(events)
    good, bad, step = a + 1, n + 1, 1
    # Grow by doubling until a run no longer fits, then search between.
    while good < n:
        probe = min(good + step, n)
        if _fits(planner, events, a, probe):
            good, step = probe, step * 2
        else:
            bad = probe
            break
    while bad - good > 1:
        mid = (good + bad) // 2
        if _fits(planner, events, a, mid):
            good = mid
        else:
            bad = mid
    return good


def _gap(planner: Planner, events: list[Event], c: int) -> float:
    """How far apart in time the events on either side of a cut before ``events[c]`` start."""
    spans = planner.spans
    return float(spans[id(events[c])][0] - spans[id(events[c - 1])][0])


def _greedy(planner: Planner, events: list[Event], *, natural: bool = False) -> list[int]:
    """Cut points: each part as long as still fits (at least one event); with
    ``natural``, each cut moved back to the widest gap in time among the last third of
    the events that would fit."""
    cuts = [0]
    n = len(events)
    while cuts[-1] < n:
        a = cuts[-1]
        b = _longest(planner, events, a)
        if natural and b < n and b - a > 2:
            lo = a + max(1, (2 * (b - a)) // 3)
            # A shorter run does not always fit (its axis is shorter, its marks closer):
            # the widest gap whose run still fits.
            for c in sorted(range(lo, b), key=lambda c: (-_gap(planner, events, c), -c)):
                if _gap(planner, events, c) <= _gap(planner, events, b):
                    break
                if _fits(planner, events, a, c):
                    b = c
                    break
        cuts.append(b)
    return cuts


def _natural(planner: Planner, events: list[Event], parts: int) -> list[int] | None:
    """``parts`` parts of about equal length, each cut at the widest gap in time near its
    even place; None unless every part fits."""
    n = len(events)
    if parts < 2:
        return None
    reach = max(1, n // (4 * parts))
    cuts = [0]
    for i in range(1, parts):
        ideal = round(i * n / parts)
        lo, hi = max(cuts[-1] + 1, ideal - reach), min(n - 1, ideal + reach)
        if lo > hi:
            return None
        cuts.append(
            max(range(lo, hi + 1), key=lambda c: (_gap(planner, events, c), -abs(c - ideal)))
        )
    cuts.append(n)
    if all(_fits(planner, events, a, b) for a, b in itertools.pairwise(cuts)):
        return cuts
    return None


def _span(planner: Planner, events: list[Event], a: int, b: int) -> tuple[float, float]:
    """The time the part holding ``events[a:b]`` shows, never outside the view's ``from``
    and ``to``: from its first start to its last end, but no further than where the next
    part begins (unless its own events' dates reach further, or the part would then show
    almost nothing: periods that all began before the view)."""
    first, last = planner.window
    lowest = -math.inf if first is None else first
    highest = math.inf if last is None else last

    def seen(t: float) -> float:
        return min(max(t, lowest), highest)

    spans = planner.spans
    chunk = events[a:b]
    lo = seen(min(spans[id(e)][0] for e in chunk))
    ends = seen(max(spans[id(e)][3] for e in chunk))
    hi = ends
    if b < len(events):
        starts = seen(max(spans[id(e)][1] for e in chunk))
        capped = max(starts, min(ends, seen(spans[id(events[b])][0])))
        hi = ends if capped - lo < (ends - lo) / 20 else capped
    # The view's bounds are the outer edges of the first and last parts, as of a whole
    # chart, unless that would stretch the part by more than a fifth (a last part of one
    # day in a view "to: 2024").
    reach = (hi - lo) / 5
    edge_lo = first if a == 0 and first is not None and lo - first <= reach else None
    edge_hi = last if b == len(events) and last is not None and last - hi <= reach else None
    lo, hi = pad_span(lo, hi, edge_lo, edge_hi)
    return max(lo, lowest), min(hi, highest)
