"""Where each event of a text chronology goes: its era, year and month, and which days are
crowded enough to name the weekday.

The events come sorted (the documented order); sections follow them without going back.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date as _date

from timeline.dates import Precision
from timeline.model import Era, Event, Timeline

__all__ = [
    "DENSE_DATES",
    "DENSE_YEAR",
    "Slot",
    "dense_days",
    "dense_years",
    "era_of",
    "era_order",
    "eras_of",
    "slots_of",
]

#: A year with more events than this gets month subheadings.
DENSE_YEAR = 12
#: A day is in a dense cluster when at least this many event dates (starts, and the ends of
#: periods) known to the day fall within three days either side of it; dates on such days
#: name the weekday ("Friday 29 November 2024"), as a reader following day by day needs.
DENSE_DATES = 4
_CLUSTER_REACH = 3


def dense_days(events: list[Event]) -> frozenset[int]:
    """Ordinals of the days that belong to a dense cluster of dated events."""
    day = Precision.DAY
    days = []
    for e in events:
        when = e.when
        d = when.start
        if d.precision >= day:
            days.append(_date(*d.parts[:3]).toordinal())
        end = when.end
        if end is not None and end.precision >= day:
            days.append(_date(*end.parts[:3]).toordinal())
    days.sort()
    dense = set()
    for ordinal in set(days):
        lo = bisect.bisect_left(days, ordinal - _CLUSTER_REACH)
        hi = bisect.bisect_right(days, ordinal + _CLUSTER_REACH)
        if hi - lo >= DENSE_DATES:
            dense.add(ordinal)
    return frozenset(dense)


def era_of(eras: list[tuple[int, int, int, Era]], start: int) -> int | None:
    for index, lo, hi, _ in eras:
        if lo <= start < hi:
            return index
    return None


def eras_of(timeline: Timeline, events: list[Event]) -> list[int | None]:
    """The era (index in start order) of each event's start, or None.

    Events come sorted, so their starts only grow, and an event's era can only change where
    its start passes an era's first or last instant: the events on either side of each such
    instant are found by bisection, instead of working out every event's start.
    """
    ordered = sorted(
        ((timeline.bounds(era.when), era) for era in timeline.eras), key=lambda x: x[0]
    )
    eras = [(i, lo, hi, era) for i, ((lo, hi), era) in enumerate(ordered)]
    if not eras:
        return [None] * len(events)
    bounds = timeline.bounds

    def start(e: Event) -> int:
        return bounds(e.when)[0]

    out: list[int | None] = []
    at = 0
    for edge in [*sorted({x for _, lo, hi, _ in eras for x in (lo, hi)}), None]:
        stop = len(events) if edge is None else bisect.bisect_left(events, edge, at, key=start)
        if stop > at:
            out += [era_of(eras, start(events[at]))] * (stop - at)
        at = stop
    return out


@dataclass(slots=True)
class Slot:
    """Where an event goes: era (or None), year, month (0 = none)."""

    era: int | None
    year: int
    month: int


def slots_of(timeline: Timeline, events: list[Event]) -> list[Slot]:
    """Each event's era, year and month, never going back within a run of one era, so
    headings stay in order even when a written date and the sort order disagree (a time
    written with a far-away UTC offset)."""
    out: list[Slot] = []
    prev: Slot | None = None
    month_precision = Precision.MONTH
    for e, era in zip(events, eras_of(timeline, events), strict=True):
        d = e.when.start
        slot = Slot(era, d.year, (d.month or 0) if d.precision >= month_precision else 0)
        if (
            prev is not None
            and prev.era == era
            and (slot.year, slot.month) < (prev.year, prev.month)
        ):
            slot = Slot(era, prev.year, prev.month)
        out.append(slot)
        prev = slot
    return out


def era_order(timeline: Timeline) -> list[Era]:
    """The eras in order of their start (the index :func:`eras_of` gives)."""
    return [
        era
        for _, era in sorted(
            ((timeline.bounds(e.when), e) for e in timeline.eras), key=lambda x: x[0]
        )
    ]


def dense_years(slots: list[Slot]) -> set[int]:
    """The years with more than :data:`DENSE_YEAR` events over several months: they get
    month subheadings."""
    counts: dict[int, int] = {}
    months: dict[int, set[int]] = {}
    for s in slots:
        counts[s.year] = counts.get(s.year, 0) + 1
        if s.month:
            months.setdefault(s.year, set()).add(s.month)
    return {y for y, n in counts.items() if n > DENSE_YEAR and len(months.get(y, ())) > 1}
