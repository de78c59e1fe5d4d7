"""Layout of the down chart: marks in lane columns, labels in date order, and parts.

Time runs down one axis (see :mod:`._down_axis`). Each group is a narrow column of marks
beside the axis, in file order; a column holds as many side-by-side tracks as its
overlapping marks need, so no mark hides another. The labels stand in one column beyond
the lanes, in date order from top to bottom, each as close to its mark as the labels above
it allow: a label that has to move down is joined to its mark by a thin leader line. Era
titles stand in the same column, as headings before their first events.

A chart taller than its size allows is split between labels into consecutive parts, each
laid out on its own (its own stretches and breaks, so each part reads at the scale its
events need) with the same columns as the others. Nothing here draws; all distances are
points, y measured downwards from the top of the chart's body, x as a distance from the
side the text starts on (the left, or the right in a right-to-left language).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import tzinfo
from operator import itemgetter

from timeline.dates import EndKind, Precision
from timeline.model import Era, Event, Timeline
from timeline.render.chart._down_axis import (
    AxisRules,
    AxisTick,
    Stretch,
    TimeAxis,
    axis_ticks,
    merge,
    plan_stretches,
)
from timeline.render.chart._geometry import LabelSize
from timeline.render.chart._marks import Span

__all__ = [
    "LABEL_CAP",
    "Band",
    "DownMark",
    "Entry",
    "Part",
    "assign_tracks",
    "choose_labelled",
    "copy_entry",
    "milestone_shadow",
    "occupied_times",
    "plan_parts",
    "whole_height",
]

#: Beyond this many events at or above the label threshold, the chart labels this many, the
#: most important first (evenly through time among equals), and counts the rest.
LABEL_CAP = 150
#: Room between two entries of the label column.
ENTRY_GAP = 4.0


@dataclass(slots=True)
class DownMark:
    """One event drawn in one part: a marker at ``y``, or a bar from ``y0`` to ``y1`` whose
    certain middle is ``solid0``-``solid1`` (the rest is drawn light)."""

    event: Event
    lane: int
    bar: bool
    y0: float
    y1: float
    solid0: float
    solid1: float
    labelled: bool
    arrow: bool = False  # ongoing: runs to as_of and continues
    tail: bool = False  # the end is unknown
    track: int = 0
    #: The bar continues from an earlier part (its top is the part's edge, not its start).
    cut_top: bool = False
    #: The lane whose look (colour, shape) the mark has: its column's lane, or, where the
    #: lanes share one column, its own.
    look: int = 0

    @property
    def y(self) -> float:
        """Where a leader line meets the mark: a marker's centre, a bar's top."""
        return (self.y0 + self.y1) / 2 if not self.bar else self.y0

    def reach(self, tail: float, arrow: float) -> float:
        """The bottom of everything the mark draws, arrow or dotted tail included."""
        return self.y1 + (arrow if self.arrow else tail if self.tail else 0.0)


@dataclass(slots=True)
class Entry:
    """One item of the label column: an event's label or an era's title."""

    anchor: float  # the time its mark or band starts (epoch seconds), for the order
    height: float
    #: From the entry's top to where its leader line ends (the middle of its first line).
    offset: float
    event: Event | None = None
    size: LabelSize | None = None
    era: int | None = None  # index in the chronology's eras
    text: str = ""  # an era's title, wrapped
    slanted: bool = True  # an era's title is set in italics (when the font has them)
    top: float = 0.0
    mark: DownMark | None = None
    #: For an era's title: the y of its band's top.
    band_y: float = 0.0
    #: The y at which a label's leader meets its mark (straight across when it is the
    #: label's own first line).
    level: float | None = None

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True, slots=True)
class Band:
    """An era's shaded band in one part."""

    era: int
    y0: float
    y1: float


@dataclass(slots=True)
class Part:
    """One part of a down chart, laid out."""

    axis: TimeAxis
    ticks: list[list[AxisTick]]
    marks: list[DownMark]
    entries: list[Entry]
    bands: list[Band]
    tracks: list[int]
    height: float
    #: The events the part counts as its own (in the view's order): those it labels and
    #: the unlabelled ones that start in it, not the bars that run on from an earlier part.
    shown: list[Event] = field(default_factory=list)
    #: The last instant the part's axis shows (epoch seconds); None for a chart's last part
    #: (or its only one), which shows every end.
    until: float | None = None


@dataclass(frozen=True, slots=True)
class Room:
    """The vertical distances of marks, in points."""

    marker: float
    milestone: float
    bar: float
    arrow: float
    tail: float
    #: Room above a bar's top for the lane's shape drawn there (when lanes share a column).
    cap: float = 0.0


def choose_labelled(events: Sequence[Event], threshold: int, cap: int = LABEL_CAP) -> set[int]:
    """The ``id()`` of each event to label: all at or above ``threshold``; beyond ``cap`` of
    them, the most important first and, among equally important ones, evenly through the
    chronology (every k-th in date order)."""
    eligible = [e for e in events if e.importance >= threshold]
    if len(eligible) <= cap:
        return {id(e) for e in eligible}
    chosen: set[int] = set()
    for level in sorted({e.importance for e in eligible}, reverse=True):
        same = [e for e in eligible if e.importance == level]
        room = cap - len(chosen)
        if len(same) <= room:
            chosen.update(id(e) for e in same)
            continue
        if room <= 0:  # the more important ones took every label
            break
        step = len(same) / room
        chosen.update(id(same[int(k * step)]) for k in range(room))
        break
    return chosen


def assign_tracks(marks: Sequence[DownMark], room: Room, cap: int, shadow: int = 0) -> int:
    """Put each mark of one lane in the first track (side-by-side column) where it overlaps
    nothing, at most ``cap`` tracks (beyond that, in the track that frees up first);
    return how many tracks the lane uses.

    ``shadow`` is how many tracks on each side of a milestone its marker covers (tracks
    narrower than it, see :func:`milestone_shadow`): no mark of the same time goes there,
    so none is drawn wholly under it."""
    # The extents of thousands of marks, computed as DownMark.reach and DownMark.y do,
    # with the room's sizes read once.
    cap_room, tail, arrow = room.cap, room.tail, room.arrow
    big, small = room.milestone / 2, room.marker / 2
    extents = []
    for mark in marks:
        e = mark.event
        if mark.bar:
            reach = mark.y1 + (arrow if mark.arrow else tail if mark.tail else 0.0)
            extents.append((mark.y0 - 1.0 - cap_room, True, e.index, reach + 1.0, mark))
        else:
            r = big if e.is_milestone else small
            y = (mark.y0 + mark.y1) / 2
            extents.append((y - r - 0.8, False, e.index, y + r + 0.8, mark))
    extents.sort(key=itemgetter(0, 1, 2))
    if shadow > 0 and any(m.event.is_milestone and not m.bar for m in marks):
        return _shadowed_tracks([(t, b, m) for t, _, _, b, m in extents], cap, shadow)
    busy: list[tuple[float, int]] = []  # (where it frees up, track)
    free: list[int] = []  # tracks free from here on, lowest first
    used = 0
    for top, _, _, bottom, mark in extents:
        while busy and busy[0][0] <= top:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            k = heapq.heappop(free)
        elif used < cap:
            k, used = used, used + 1
        else:
            end, k = heapq.heappop(busy)
            bottom = max(bottom, end)
        mark.track = k
        heapq.heappush(busy, (bottom, k))
    return max(used, 1)


def milestone_shadow(room: Room, pitch: float) -> int:
    """How many tracks on each side of a milestone its marker covers so far that the
    narrowest mark there (a bar, at most a track wide) could be drawn wholly under it: 0
    at an ordinary pitch, 1 or more where tracks are narrowed (lanes sharing a column)."""
    w = max(min(room.bar, pitch - 1.0), 1.0) / 2
    return max(0, math.ceil((room.milestone / 2 + 1.0 - w) / pitch) - 1)


def _shadowed_tracks(extents: list[tuple[float, float, DownMark]], cap: int, shadow: int) -> int:
    """:func:`assign_tracks` where a milestone's marker covers ``shadow`` tracks on each
    side: the lowest track that is free and, for a milestone, has no mark of its time
    within its shadow, and is in the shadow of no milestone of its time. ``cap`` is small
    here (narrowed tracks), so each mark looks at every track."""
    ends: list[float] = []  # where each track frees up
    wide: list[float] = []  # where the milestone on each track (if any) frees up
    for top, bottom, mark in extents:
        big = mark.event.is_milestone and not mark.bar
        chosen = None
        for k in range(min(len(ends) + shadow + 1, cap)):
            if k < len(ends) and ends[k] > top:
                continue
            near = range(max(0, k - shadow), min(len(ends), k + shadow + 1))
            if any(wide[j] > top for j in near) or (big and any(ends[j] > top for j in near)):
                continue
            chosen = k
            break
        if chosen is None:  # every track is taken: the one that frees up first
            chosen = min(range(len(ends)), key=lambda j: (ends[j], j))
            bottom = max(bottom, ends[chosen])
        while chosen >= len(ends):  # a new track (beyond the shadow of the last ones)
            ends.append(-math.inf)
            wide.append(-math.inf)
        mark.track = chosen
        ends[chosen] = bottom
        wide[chosen] = bottom if big else -math.inf
    return max(len(ends), 1)


#: The index of the last plan's times (by the list's identity), for the next plan.
_INDEXED: dict[int, tuple[list[tuple[float, float]], list[float], list[float]]] = {}


@dataclass
class Plan:
    """What parts planning needs to know about the chart."""

    timeline: Timeline
    events: list[Event]
    spans: dict[int, Span]
    lanes: dict[str | None, int]
    labelled: set[int]
    entries: list[Entry]  # every entry of the chart, in order
    room: Room
    rules: AxisRules
    line: float  # the height of one tick label line
    locale: str
    #: The axis' limits the view asks for (from/to), or None.
    view_lo: float | None
    view_hi: float | None
    #: Every time some mark must draw to scale (:func:`occupied_times`, merged).
    times: list[tuple[float, float]] = field(default_factory=list)
    #: Each group's look (its own lane's index) where lanes share columns; None: a mark
    #: looks like its column's lane.
    looks: dict[str | None, int] | None = None
    #: Tick labels broken at their last space ("27 Nov" over "2024"), for a narrow axis.
    split_ticks: bool = False
    #: The last of those times.
    last: float = 0.0
    _starts: list[float] = field(default_factory=list)
    _ends: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Plans made one after another share their times: index them once.
        index = _INDEXED.get(id(self.times))
        if index is None or index[0] is not self.times:
            index = (self.times, [a for a, _ in self.times], [b for _, b in self.times])
            _INDEXED.clear()
            _INDEXED[id(self.times)] = index
        self._starts, self._ends = index[1], index[2]
        self.last = self._ends[-1] if self.times else 0.0

    def spans_of(self, events: Sequence[Event]) -> list[Span]:
        spans = self.spans
        return [spans[id(e)] for e in events]

    def times_between(
        self, a: float, b: float, *, open_end: bool = False
    ) -> list[tuple[float, float]]:
        """The occupied times that meet ``a``-``b``, clipped to it (merging commutes with
        clipping, so they are merged too); with ``open_end``, not those starting at ``b``
        (they belong to the next part)."""
        i = bisect_left(self._ends, a)
        j = (bisect_left if open_end else bisect_right)(self._starts, b)
        out = self.times[i:j]
        if out:
            out[0] = (max(out[0][0], a), out[0][1])
            out[-1] = (out[-1][0], min(out[-1][1], b))
        return out


def whole_height(plan: Plan) -> float:
    """How tall the chart's body is in one part."""
    return _height(plan, plan.entries, None, None)


def plan_parts(
    plan: Plan, max_body: float, cap_tracks: int = 10_000, *, whole: float | None = None
) -> list[Part]:
    """The chart's parts: as few as the body's maximum height allows, split between
    entries, as even in height as that number of parts allows, each a complete layout.
    ``max_body`` (the room in a part of a split chart) may be ``math.inf``; ``whole`` is
    the room when the chart is not split (default ``max_body``)."""
    entries = plan.entries
    n = len(entries)
    if n == 0:
        return [_part(plan, [], None, None, cap_tracks)]
    room = max_body if whole is None else whole
    one = _part(_within(plan, room), entries, None, None, cap_tracks)
    if one.height <= room:
        return [one]
    within = _within(plan, max_body)
    cuts = _split(within, max_body)
    # Even out the parts: the lowest cap that still needs no more parts.
    low, high = max_body / len(cuts), max_body
    for _ in range(4):
        mid = (low + high) / 2
        tried = _split(within, mid)
        if len(tried) <= len(cuts):
            cuts, high = tried, mid
        else:
            low = mid
    parts = []
    for p, q in cuts:
        lo = entries[p].anchor if p else None
        hi = entries[q].anchor if q < n else None
        parts.append(_part(within, _with_era(within, entries, p, q), lo, hi, cap_tracks))
    return parts


#: The least room :func:`unsplit` leaves a stretch of time in a chart that is never split
#: (the HTML page's, the ``wide`` size's) when drawn to scale it would be far taller than
#: its labels: the default size's maximum height (20 cm), in points.
UNSPLIT_MOST = 20.0 / 2.54 * 72.0


def unsplit(plan: Plan) -> list[Part]:
    """The chart in one part, however tall. A crowd of minutes inside a bar of years (an
    ongoing period) would spread the years at the scale of the minutes (a page's chart of
    2,000 generated events was once 56 m tall): when the part is more than three times as
    tall as its labels need, plus :data:`UNSPLIT_MOST`, it is laid out again with no
    stretch of time taller than its labels need (or than :data:`UNSPLIT_MOST`, if more):
    time is spread as far as the labels reach, and a crowd's labels stand further below
    their marks."""
    parts = plan_parts(plan, math.inf)
    labels = sum(e.height + ENTRY_GAP for e in plan.entries)
    if parts[0].height <= 3 * labels + UNSPLIT_MOST:
        return parts
    most = max(UNSPLIT_MOST, labels, plan.rules.least)
    return plan_parts(replace(plan, rules=replace(plan.rules, most=most)), math.inf)


def _within(plan: Plan, room: float) -> Plan:
    """``plan`` with no stretch's time taller than a part of ``room`` points can hold (so
    that a part of a few entries always fits, and the split can go between any two)."""
    if not math.isfinite(room):
        return plan
    most = max(room - 2 * plan.rules.pad, plan.rules.least)
    return replace(plan, rules=replace(plan.rules, most=most))


def _split(plan: Plan, max_body: float) -> list[tuple[int, int]]:
    """Where to cut the entries so that each part's body is at most ``max_body`` tall:
    ``(first, after last)`` of each part, taking as many entries into each as fit."""
    entries = plan.entries
    n = len(entries)
    cuts = []
    p = 0
    while p < n:
        lo = entries[p].anchor if p else None

        def fits(q: int, p: int = p, lo: float | None = lo) -> bool:
            hi = entries[q].anchor if q < n else None
            return _height(plan, _with_era(plan, entries, p, q), lo, hi) <= max_body

        q = _most(fits, p + 1, n)
        # Events of one time stay together when the part can end before them.
        g = q
        while q < n and g - 1 > p and entries[g - 1].anchor == entries[q].anchor:
            g -= 1
        if g < q and entries[g - 1].anchor != entries[q].anchor and fits(g):
            q = g
        # A part never ends on an era's title: the title goes with its events.
        while q < n and q - 1 > p and entries[q - 1].event is None:
            q -= 1
        cuts.append((p, q))
        p = q
    return cuts


def _most(fits: Callable[[int], bool], a: int, b: int) -> int:
    """The largest ``q`` in ``a..b`` for which ``fits(q)`` (``a`` when none does). Heights
    are not quite monotone in the number of entries (a crowd changes the scale), so a
    bisection's answer is checked against the next few larger counts."""
    if fits(b):
        return b
    lo, hi = a, b
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    best = lo
    for q in range(lo + 1, min(lo + 3, b)):
        if fits(q):
            best = q
    return best


def _with_era(plan: Plan, entries: list[Entry], p: int, q: int) -> list[Entry]:
    """Entries ``p`` to ``q - 1``, headed (in a part after the first) by the title of the
    era it starts in, when that era began earlier."""
    chosen = [copy_entry(e) for e in entries[p:q]]
    if p == 0 or not chosen or chosen[0].event is None:
        return chosen
    start = chosen[0].anchor
    for e in reversed(entries[:p]):
        if e.era is None:
            continue
        era = plan.timeline.eras[e.era]
        if plan.timeline.bounds(era.when)[1] > start:
            heading = copy_entry(e)
            heading.anchor = start
            return [heading, *chosen]
        break
    return chosen


def copy_entry(e: Entry) -> Entry:
    """A fresh entry like ``e``, not yet placed."""
    return Entry(e.anchor, e.height, e.offset, e.event, e.size, e.era, e.text, e.slanted)


def _window_events(
    plan: Plan, entries: Sequence[Entry], lo: float | None, hi: float | None
) -> list[Event]:
    """The events a part between ``lo`` and ``hi`` draws: those it labels, the unlabelled
    ones that start in it (the last part keeps all the rest), and the bars that run into
    it from before (labelled in an earlier part or not)."""
    own = {id(e.event) for e in entries if e.event is not None}
    out = []
    for e in plan.events:
        if id(e) in own:
            out.append(e)
            continue
        s = plan.spans[id(e)]
        labelled = id(e) in plan.labelled
        starts_here = (lo is None or s[0] >= lo) and (hi is None or s[0] < hi)
        if (starts_here and not labelled) or (
            lo is not None and s[0] <= lo < s[3] and _is_bar(e) and (s[0] < lo or labelled)
        ):
            out.append(e)
    return out


def _is_bar(e: Event) -> bool:
    return e.when.end_kind is not EndKind.POINT


def occupied_times(events: Sequence[Event], spans: dict[int, Span]) -> list[tuple[float, float]]:
    """The times the marks of ``events`` must draw to scale, merged: where each mark starts
    and ends (a date known to the day or better, whole) and the as-of instant of ongoing
    periods. Time between them may be cut out by a break, even inside a bar or a light
    span (the bar runs on through the break)."""
    found: list[tuple[float, float]] = []
    for e in events:
        s_lo, s_hi, e_lo, e_hi = spans[id(e)]
        when = e.when
        kind = when.end_kind
        if when.start.precision >= Precision.DAY:
            found.append((s_lo, s_hi))
        else:
            found.append((s_lo, s_lo))
            if kind is EndKind.POINT:
                found.append((s_hi, s_hi))
        if kind is EndKind.DATE:
            assert when.end is not None
            if when.end.precision >= Precision.DAY:
                found.append((e_lo, e_hi))
            else:
                found.append((e_hi, e_hi))
        elif kind is EndKind.ONGOING:
            found.append((e_hi, e_hi))
    return merge(found)


def _occupied(
    plan: Plan, entries: Sequence[Entry], lo: float | None, hi: float | None
) -> list[tuple[float, float]]:
    """The times a part from ``lo`` to ``hi`` must draw to scale, merged: its marks'
    (see :func:`occupied_times`) and its labels' anchors. The first and last parts stop at
    the view's own limits, if any, else at the chronology's events."""
    a = lo if lo is not None else plan.view_lo
    b = hi if hi is not None else plan.view_hi
    if plan.times:
        if a is None:
            a = plan.times[0][0]
        if b is None:
            b = plan.last
    a = -math.inf if a is None else a
    b = math.inf if b is None else b
    # A part reaches through its own labels' dates: when a group of events of one time is
    # split between parts, the next part starts at this part's last time.
    own = [plan.spans[id(e.event)][1] for e in entries if e.event is not None]
    open_end = hi is not None
    if own and max(own) > b:
        b, open_end = max(own), False
    # Every label's anchor is where its event starts, which is among the times already.
    found = (
        plan.times_between(a, b, open_end=open_end) if math.isfinite(a) and math.isfinite(b) else []
    )
    if not found:
        return [(a, a + 3600.0)] if math.isfinite(a) else [(0.0, 3600.0)]
    merged = found
    if merged[-1][1] - merged[0][0] < 3600.0:
        mid = (merged[0][0] + merged[-1][1]) / 2
        return [(mid - 1800.0, mid + 1800.0)]
    return merged


def _height(plan: Plan, entries: list[Entry], lo: float | None, hi: float | None) -> float:
    axis, _ = _frame(plan, entries, lo, hi)
    return max(axis.bottom, max((e.bottom for e in entries), default=0.0))


def _frame(
    plan: Plan, entries: list[Entry], lo: float | None, hi: float | None
) -> tuple[TimeAxis, list[Entry]]:
    """The part's time axis, and its entries placed: each as near its mark as the entries
    above it allow, never above it."""
    occupied = _occupied(plan, entries, lo, hi)
    labels = [e for e in entries if e.event is not None]
    anchors = [e.anchor for e in labels]
    ends = [float(plan.spans[id(e.event)][1]) for e in labels]
    lasting = [min(float(_last(plan, e.event)), hi if hi is not None else math.inf) for e in labels]
    heights = [e.height + ENTRY_GAP for e in labels]
    stretches = plan_stretches(anchors, ends, lasting, heights, occupied, plan.rules)
    stretches = _extend(plan, stretches, lo, hi)
    placed: list[Stretch] = []
    bottom = 0.0  # the bottom of the entries placed so far
    i = 0
    for k, (t0, t1, rate) in enumerate(stretches):
        top = 0.0 if not k else max(placed[-1].bottom + plan.rules.gap, bottom)
        stretch = Stretch(t0, t1, top, rate, plan.rules.pad)
        # Room for a two-line date at its top (three when ticks are broken at a space).
        least = plan.rules.pad + 3.0 + (3 if plan.split_ticks else 2) * plan.line
        if stretch.bottom - stretch.top < least:
            stretch = Stretch(t0, t1, top, rate, plan.rules.pad, least - stretch.bottom + top)
        placed.append(stretch)
        while i < len(entries) and (entries[i].anchor <= t1 or k == len(stretches) - 1):
            entry = entries[i]
            want = _anchor_y(plan, entry, stretch) - entry.offset
            entry.top = max(want, bottom)
            bottom = entry.bottom + ENTRY_GAP
            i += 1
    return TimeAxis(placed), entries


def _last(plan: Plan, e: Event | None) -> float:
    """Where an event's mark ends in time: its date's span, or its period's end."""
    assert e is not None
    s = plan.spans[id(e)]
    return s[3] if _is_bar(e) else s[1]


def _extend(
    plan: Plan, stretches: list[tuple[float, float, float]], lo: float | None, hi: float | None
) -> list[tuple[float, float, float]]:
    """Run the first and last stretch out to the view's own limits (``from``, ``to``) when
    that costs a few points; a long empty lead or tail is left out instead."""
    out = list(stretches)
    if lo is None and plan.view_lo is not None:
        t0, t1, r = out[0]
        if plan.view_lo < t0 and (t0 - plan.view_lo) * r <= 24.0:
            out[0] = (plan.view_lo, t1, r)
    if hi is None and plan.view_hi is not None:
        t0, t1, r = out[-1]
        if plan.view_hi > t1 and (plan.view_hi - t1) * r <= 24.0:
            out[-1] = (t0, plan.view_hi, r)
    return out


def _anchor_y(plan: Plan, entry: Entry, stretch: Stretch) -> float:
    """Where an entry's mark meets its leader line, on the stretch that holds it."""
    t0, t1 = stretch.t0, stretch.t1
    if entry.event is None:
        return stretch.y(min(max(entry.anchor, t0), t1))
    s_lo, s_hi, _, _ = plan.spans[id(entry.event)]
    if not _is_bar(entry.event) and (s_hi - s_lo) * stretch.rate <= plan.room.marker:
        return stretch.y(min(max((s_lo + s_hi) / 2, t0), t1))
    return stretch.y(min(max(s_lo, t0), t1))


def _part(
    plan: Plan,
    entries: list[Entry],
    lo: float | None,
    hi: float | None,
    cap_tracks: int,
) -> Part:
    """Lay out one part completely: axis, entries, marks, tracks, era bands and ticks."""
    events = _window_events(plan, entries, lo, hi)
    axis, entries = _frame(plan, entries, lo, hi)
    marks = _marks(plan, axis, events, lo, hi)
    by_event = {id(k.event): k for k in marks}
    for entry in entries:
        if entry.event is not None:
            entry.mark = by_event.get(id(entry.event))
    _level_leaders(entries)
    for entry in entries:
        if entry.era is not None:
            a = plan.timeline.bounds(plan.timeline.eras[entry.era].when)[0]
            entry.band_y = axis.y(max(a, entry.anchor if lo is not None else a))
    lanes = max(plan.lanes.values(), default=0) + 1
    per_lane: list[list[DownMark]] = [[] for _ in range(lanes)]
    for mark in marks:
        per_lane[mark.lane].append(mark)
    tracks = [assign_tracks(m, plan.room, cap_tracks) for m in per_lane]
    bands = _bands(plan.timeline.eras, plan.timeline, axis)
    tz: tzinfo = plan.timeline.tz
    ticks = [
        axis_ticks(s, tz, plan.locale, plan.line, split=plan.split_ticks) for s in axis.stretches
    ]
    height = max(axis.bottom, max((e.bottom for e in entries), default=0.0))
    shown = _counted(plan, entries, lo, hi)
    until = None if hi is None else axis.stretches[-1].t1
    return Part(axis, ticks, marks, entries, bands, tracks, height, shown, until)


def _counted(
    plan: Plan, entries: Sequence[Entry], lo: float | None, hi: float | None
) -> list[Event]:
    """The events a part counts as its own: those it labels, and the unlabelled ones
    whose mark starts in it (the last part keeps all the rest). A bar that runs on from an
    earlier part is that part's."""
    own = {id(e.event) for e in entries if e.event is not None}
    out = []
    for e in plan.events:
        if id(e) in own:
            out.append(e)
        elif id(e) not in plan.labelled:
            start = plan.spans[id(e)][0]
            if (lo is None or start >= lo) and (hi is None or start < hi):
                out.append(e)
    return out


def _level_leaders(entries: list[Entry]) -> None:
    """Where each label's leader meets its mark. A marker is met at its centre. A bar is
    met straight across where the label stands level with it; a label below its bar
    bends up to the bar's lowest point, one above it (moved down by the labels above,
    never up) to its top. Leaders never cross: going up from the bottom, no leader meets
    its bar lower than where a later label's bent leader starts."""
    lowest = math.inf  # the highest start of a bent leader below
    for entry in reversed(entries):
        mark = entry.mark
        if mark is None:
            continue
        if not mark.bar:
            entry.level = mark.y
            lowest = min(lowest, mark.y)
            continue
        at = entry.top + entry.offset
        inset = min(2.0, (mark.y1 - mark.y0) / 2)
        meet = min(max(at, mark.y0 + inset), mark.y1 - inset, max(lowest, mark.y0 + inset))
        entry.level = meet
        if abs(meet - at) > 0.01:
            lowest = min(lowest, meet)


def _marks(
    plan: Plan, axis: TimeAxis, events: list[Event], lo: float | None, hi: float | None
) -> list[DownMark]:
    """Each event of the part as a mark: a marker where its date is narrower than a marker
    at its stretch's scale, else a bar over everything the date (or period) can mean."""
    import numpy as np

    room = plan.room
    top_t = axis.stretches[0].t0
    end_t = axis.stretches[-1].t1
    if not events:
        return []
    times = np.asarray([plan.spans[id(e)] for e in events], dtype=float)
    mids = (times[:, 0] + times[:, 1]) / 2
    ys = axis.ys(np.concatenate([times, mids[:, None]], axis=1)).tolist()
    out = []
    for e, (s_lo, _, _, e_hi), (y_lo, y_shi, y_elo, y_ehi, y_mid) in zip(
        events, plan.spans_of(events), ys, strict=True
    ):
        lane = plan.lanes.get(e.group, plan.lanes.get(None, 0))
        looks = plan.looks
        look = lane if looks is None else looks.get(e.group, looks.get(None, 0))
        labelled = id(e) in plan.labelled
        kind = e.when.end_kind
        cut = s_lo < top_t
        if kind is EndKind.POINT:
            if y_shi - y_lo <= room.marker and not cut:
                out.append(
                    DownMark(e, lane, False, y_mid, y_mid, y_mid, y_mid, labelled, look=look)
                )
            else:
                out.append(
                    DownMark(
                        e, lane, True, y_lo, y_shi, y_shi, y_shi, labelled, cut_top=cut, look=look
                    )
                )
            continue
        y0, y1, solid0, solid1 = y_lo, y_ehi, y_shi, y_elo
        # A bar that runs on into the next part ends at this part's edge, without an arrow.
        cut_bottom = hi is not None and e_hi > end_t
        arrow = kind is EndKind.ONGOING and not cut_bottom
        if kind is EndKind.ONGOING:
            solid1 = y1
        if y1 - y0 < 2.0:
            mid = (y0 + y1) / 2
            y0, y1 = mid - 1.0, mid + 1.0
            solid0, solid1 = (y0, y1) if solid1 > solid0 else (y1, y1)
        solid0, solid1 = min(max(solid0, y0), y1), max(min(solid1, y1), y0)
        tail = kind is EndKind.UNKNOWN and not cut_bottom
        out.append(
            DownMark(
                e, lane, True, y0, y1, solid0, solid1, labelled, arrow, tail, cut_top=cut, look=look
            )
        )
    return out


def _bands(eras: Sequence[Era], t: Timeline, axis: TimeAxis) -> list[Band]:
    out = []
    first, last = axis.stretches[0].t0, axis.stretches[-1].t1
    for i, era in enumerate(eras):
        a, b = t.bounds(era.when)
        if b <= first or a >= last:
            continue
        y0 = axis.top if a <= first else axis.y(a)
        y1 = axis.bottom if b >= last else axis.y(b)
        if y1 > y0:
            out.append(Band(i, y0, y1))
    return out


def entry_order(entries: list[Entry]) -> list[Entry]:
    """Entries in the label column's order: by time, an era's title before the events
    that start with it, events in the view's (date) order."""
    return sorted(
        entries,
        key=lambda e: (e.anchor, 0 if e.event is None else 1, e.era if e.era is not None else 0),
    )
