"""Lane geometry and label placement, in points, with no drawing.

A lane is drawn bottom-up as: bar tracks (periods, and dates whose span is wide enough to
draw), a marker line (events that are points at this scale), and the point labels above it.

- A bar's label sits on top of its own bar, so bars go into tracks wide enough for bar and
  label together (first fit, in order of start).
- A point's label hangs from a thin stem rising from the marker, in rows above the marker
  line. Labels are placed right to left, each in the lowest row where neither its box nor
  its stem touches anything placed before; the result is a staircase that climbs leftwards
  and never crosses a stem. A label with no room on the right of its stem goes on the left.

Every placement is checked against exact text extents, so labels never overlap each other,
a stem, a marker or a bar; a label that finds no room within the row limit is dropped and
counted, never squeezed.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Event

__all__ = [
    "Cluster",
    "LabelSize",
    "LaneLayout",
    "Mark",
    "Metrics",
    "PlacedLabel",
    "find_clusters",
    "layout_lane",
]


@dataclass(frozen=True, slots=True)
class Metrics:
    """Fixed distances of the layout, in points (``row`` comes from measured text)."""

    row: float  # height of one label row
    bar: float = 6.0
    marker: float = 9.0  # the largest marker diameter
    stem_min: float = 4.0  # shortest stem
    stem_pad: float = 2.5  # gap between a stem and its text
    h_gap: float = 5.0  # smallest gap between two texts side by side
    track_gap: float = 4.0
    label_gap: float = 1.5  # between a bar label and its bar
    tail: float = 16.0  # dotted tail of a period whose end is unknown
    arrow: float = 6.0  # arrow head of an ongoing period
    max_label_width: float = 150.0
    max_rows: int = 28
    max_tracks: int = 14
    #: Bars without a label may go in free gaps among the point labels (not in crowded
    #: charts, where scattered bars would make the labels hard to read).
    fill_gaps: bool = True


@dataclass(slots=True)
class Mark:
    """One event on one axis. ``x`` is where its label hangs; ``x0``-``x1`` what it covers.

    For a bar, ``solid0``-``solid1`` is the part that certainly happened (empty when the
    period's start and end spans meet or overlap); the rest of ``x0``-``x1`` is drawn light.
    """

    event: Event
    lane: int
    bar: bool
    x: float
    x0: float
    x1: float
    solid0: float
    solid1: float
    labelled: bool
    reach: float  # where its drawing ends on the right, arrow or dotted tail included
    arrow: bool = False  # ongoing: runs to as_of and continues
    tail: bool = False  # the end is unknown


@dataclass(frozen=True, slots=True)
class LabelSize:
    """A measured label: a date line over a title, both possibly wrapped."""

    width: float
    height: float
    date: str  # the date line (wrapped lines joined by newlines)
    date_height: float
    title: str  # the title (wrapped lines joined by newlines)


@dataclass(slots=True)
class PlacedLabel:
    """A label's position in lane coordinates: the top-left (or top-right) of its text."""

    mark: Mark
    size: LabelSize
    x: float  # left edge of the text (right edge when ``right_aligned``)
    top: float
    right_aligned: bool = False
    stem: tuple[float, float, float] | None = None  # x, bottom, top


@dataclass(slots=True)
class LaneLayout:
    """Where everything of one lane goes, in points from the lane's bottom-left."""

    marks: list[Mark]
    height: float = 0.0
    marker_y: float = 0.0
    bar_y: dict[int, float] = field(default_factory=dict)  # id(mark) -> bar bottom
    labels: list[PlacedLabel] = field(default_factory=list)
    dropped: int = 0
    rows_top: float = 0.0  # top of the highest label row


class _Spans:
    """Disjoint-or-not intervals on one line, sorted by start, for overlap queries."""

    __slots__ = ("ends", "longest", "starts")

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []
        self.longest = 0.0

    def hits(self, a: float, b: float, gap: float) -> bool:
        """True if any interval comes within ``gap`` of ``[a, b]``."""
        lo = bisect_right(self.starts, a - gap - self.longest)
        hi = bisect_left(self.starts, b + gap)
        return any(self.ends[k] > a - gap for k in range(lo, hi))

    def add(self, a: float, b: float) -> None:
        i = bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)
        self.longest = max(self.longest, b - a)


class _Rows:
    """The label rows above a marker line: boxes and stems per row."""

    def __init__(self, n: int) -> None:
        self.boxes = [_Spans() for _ in range(n)]
        self.stems = [_Spans() for _ in range(n)]
        self.used = 0

    def box_free(self, r: int, a: float, b: float, m: Metrics) -> bool:
        return not self.boxes[r].hits(a, b, m.h_gap) and not self.stems[r].hits(a, b, m.stem_pad)

    def stem_free(self, r: int, x: float, m: Metrics) -> bool:
        return not self.boxes[r].hits(x - 0.5, x + 0.5, m.stem_pad - 0.5)

    def find(self, a: float, b: float, x: float, n: int, m: Metrics) -> int | None:
        """The lowest row where a box ``[a, b]`` of ``n`` rows fits with its stem at ``x``."""
        for r in range(len(self.boxes) - n + 1):
            if all(self.box_free(k, a, b, m) for k in range(r, r + n)):
                return r
            if not self.stem_free(r, x, m):
                return None
        return None

    def take(self, a: float, b: float, x: float, r: int, n: int) -> None:
        for k in range(r):
            self.stems[k].add(x - 0.5, x + 0.5)
        for k in range(r, r + n):
            self.boxes[k].add(a, b)
        self.used = max(self.used, r + n)


#: Measure a mark's label for a wrap width; None when the label budget is spent.
Measure = Callable[[Mark, float], LabelSize | None]


def _rows_for(size: LabelSize, m: Metrics) -> int:
    return max(1, math.ceil((size.height + 1.0) / m.row))


def layout_lane(
    marks: Sequence[Mark],
    measure: Measure,
    left: float,
    right: float,
    m: Metrics,
    *,
    skip_labels: frozenset[int] = frozenset(),
) -> LaneLayout:
    """Place one lane's bars in tracks and its labels in rows; ``left``-``right`` bound the
    text. Marks whose ``id`` is in ``skip_labels`` are drawn but labelled elsewhere.

    Every labelled bar has a track of its own (bars of the same span sit one above another,
    each under its own label). A bar without a label here goes into an existing track with
    room, else into a free gap among the point labels above the marker line (so it adds no
    height), else into a new track.
    """
    out = LaneLayout(list(marks))
    own = [k for k in marks if k.bar and k.labelled and id(k) not in skip_labels]
    others = [k for k in marks if k.bar and not (k.labelled and id(k) not in skip_labels)]
    points = [k for k in marks if not k.bar]
    tracks = _Tracks()
    _place_labelled_bars(own, measure, left, right, m, tracks, out)
    placed_labels, dropped, used, rows = _place_point_labels(
        points, measure, left, right, m, skip_labels
    )
    out.dropped += dropped
    above = _place_other_bars(others, skip_labels, m, tracks, rows, used)
    # Tracks stack downwards from the marker line: track 0 is the nearest.
    heights = tracks.heights(m)
    y = 3.0
    track_bottom = [0.0] * len(heights)
    for i in range(len(heights) - 1, -1, -1):
        track_bottom[i] = y
        y += heights[i]
    for mark, i in tracks.placed:
        out.bar_y[id(mark)] = track_bottom[i] + tracks.below[i]
    for label in out.labels:  # bar labels were placed relative to their track's bar
        label.top += out.bar_y[id(label.mark)]
    if not points:
        out.marker_y = y - m.track_gap / 2
        out.height = out.rows_top = y
        return out
    out.marker_y = y + m.marker / 2 + 1.0
    base = out.marker_y + m.marker / 2 + m.stem_min
    for mark, r in above:
        out.bar_y[id(mark)] = base + r * m.row + (m.row - m.bar) / 2
    for placed in placed_labels:
        placed.top += base
        # The stem starts behind the marker and ends level with the top of the text.
        placed.stem = (placed.mark.x, out.marker_y, placed.top - 0.5)
        out.labels.append(placed)
    out.rows_top = base + used * m.row
    out.height = out.rows_top + 2.0 if used else out.marker_y + m.marker / 2 + 2.0
    return out


def _place_point_labels(
    points: list[Mark],
    measure: Measure,
    left: float,
    right: float,
    m: Metrics,
    skip: frozenset[int],
) -> tuple[list[PlacedLabel], int, int, _Rows | None]:
    """The point labels in rows above the marker line: (placed, dropped, rows used, rows)."""
    wanted = [k for k in points if k.labelled and id(k) not in skip]
    if not wanted:
        return [], 0, 0, None
    sizes: dict[int, LabelSize | None] = {}

    def cached(mark: Mark, width: float) -> LabelSize | None:
        if id(mark) not in sizes:
            sizes[id(mark)] = measure(mark, width)
        return sizes[id(mark)]

    # Near the right edge labels hang to the left of their stems and the staircase must
    # mirror. Where that zone should begin depends on the events, so a few are tried (the
    # first is nearly always perfect), and one more without placing milestones first (a
    # milestone's label can block the stem of a neighbour on its right). The try dropping
    # fewest milestones, then fewest labels, then using fewest rows, wins.
    best: tuple[tuple[int, int, int], list[PlacedLabel], _Rows] | None = None
    edges = [right - m.max_label_width, right - 2 * m.max_label_width, right, left]
    tries = [(edge, True) for edge in edges] + [(edges[0], False)]
    for edge, first in tries if len(wanted) <= _RETRY_UP_TO else tries[:1]:
        placed, rows = _place_points(wanted, cached, left, right, m, edge, first)
        shown = {id(lb.mark) for lb in placed}
        lost = [k for k in wanted if id(k) not in shown]
        score = (sum(1 for k in lost if k.event.is_milestone), len(lost), rows.used)
        if best is None or score < best[0]:
            best = (score, placed, rows)
        if not best[0][1]:
            break
    assert best is not None
    (_, dropped, used), placed, rows = best
    return placed, dropped, used, rows


def _place_points(
    wanted: list[Mark],
    measure: Measure,
    left: float,
    right: float,
    m: Metrics,
    edge: float,
    milestones_first: bool = True,
) -> tuple[list[PlacedLabel], _Rows]:
    """One try at the point labels: (placed labels, the rows).

    Milestones go first (unless ``milestones_first`` is False), so they are the last to
    lose their place. Right of ``edge`` labels are placed left to right and hang left of
    their stems first; the others go right to left and hang right first.
    """

    def order(k: Mark) -> tuple[int, int, float, int]:
        near = k.x > edge
        rank = -k.event.importance if milestones_first else 0
        return (rank, 0 if near else 1, k.x if near else -k.x, -k.event.index)

    spent = False

    def budgeted(mark: Mark, width: float) -> LabelSize | None:
        nonlocal spent
        size = measure(mark, width)
        spent = spent or size is None
        return size

    rows = _Rows(m.max_rows)
    placed: list[PlacedLabel] = []
    for mark in sorted(wanted, key=order):
        label = _place_point(mark, budgeted, rows, left, right, m, flip_first=mark.x > edge)
        if label is not None:
            placed.append(label)
        # Once the label budget is spent no further label can be measured, so none can be
        # placed: with 100,000 events, trying each one would cost more than the chart. (In
        # the retries of smaller lanes, labels measured by an earlier try still can.)
        if spent and len(wanted) > _RETRY_UP_TO:
            break
    return placed, rows


class _Tracks:
    """The bar tracks under the marker line: what each holds and how tall it is.

    A track's height is its bars' plus what rises above them (labels on top of a bar) and
    what hangs below (a label beside a bar, centred on it, may be taller than the bar).
    """

    def __init__(self) -> None:
        self.spans: list[_Spans] = []
        self.above: list[float] = []
        self.below: list[float] = []
        self.placed: list[tuple[Mark, int]] = []
        self._overflow: int | None = None

    def fit(self, lo: float, hi: float, m: Metrics) -> int | None:
        """The first track with room for ``[lo, hi]``, or None."""
        return next(
            (
                i
                for i, s in enumerate(self.spans)
                if i != self._overflow and not s.hits(lo, hi, m.h_gap)
            ),
            None,
        )

    def room(self, lo: float, hi: float, m: Metrics) -> bool:
        """True when ``[lo, hi]`` fits in a track, existing or new."""
        return len(self.spans) < m.max_tracks or self.fit(lo, hi, m) is not None

    def fit_or_new(self, lo: float, hi: float, m: Metrics) -> int | None:
        """The first track with room for ``[lo, hi]``, a new one if allowed, else None."""
        track = self.fit(lo, hi, m)
        if track is None and len(self.spans) < m.max_tracks:
            self.spans.append(_Spans())
            self.above.append(0.0)
            self.below.append(0.0)
            track = len(self.spans) - 1
        return track

    def overflow(self) -> int:
        """The last track, for bars that find no room in the others: it holds no labels,
        so bars overlapping there cover only each other, never a label."""
        if self._overflow is None:
            self.spans.append(_Spans())
            self.above.append(0.0)
            self.below.append(0.0)
            self._overflow = len(self.spans) - 1
        return self._overflow

    def put(self, marks: list[Mark], track: int, lo: float, hi: float) -> None:
        self.spans[track].add(lo, hi)
        self.placed.extend((k, track) for k in marks)

    def heights(self, m: Metrics) -> list[float]:
        return [
            below + m.bar + above + m.track_gap
            for below, above in zip(self.below, self.above, strict=True)
        ]


#: Room (points) beside a bar from which its label goes beside it rather than on top.
_BESIDE = 90.0
#: Gap between a bar and a label beside it.
_BESIDE_GAP = 4.0


def _place_labelled_bars(
    bars: list[Mark],
    measure: Measure,
    left: float,
    right: float,
    m: Metrics,
    tracks: _Tracks,
    out: LaneLayout,
) -> None:
    """First-fit each labelled bar, with its label, into a track, in order of start.

    The label goes beside the bar, on the line of the bar, where there is room (after its
    end first, else before its start, right-aligned): a row of bars then reads like a list,
    one label per bar, and takes little height. Otherwise the label sits on top of the bar.
    Label tops are relative to the bar's bottom (the caller shifts them). A bar whose label
    has no room is still drawn, in the least crowded track, and its label counted as dropped.
    """
    for mark in sorted(bars, key=lambda k: (k.x0, -k.x1, -k.event.importance, k.event.index)):
        lo, hi = mark.x0, mark.reach
        side_room = max(right - (hi + _BESIDE_GAP), (lo - _BESIDE_GAP) - left)
        # Measuring costs: first check that some track has room for even a short label.
        if tracks.room(lo, max(hi, lo + _PROBE), m):
            width = min(2 * m.max_label_width, side_room)
            if side_room < _BESIDE:
                width = min(m.max_label_width, right - left)
            size = measure(mark, width)
            if size is not None and _fit_label(mark, size, left, right, m, tracks, out):
                continue
        # No room: the bar is drawn (every event is), without a label, which would overlap.
        out.dropped += 1
        track = tracks.fit_or_new(lo, hi, m)
        tracks.put([mark], tracks.overflow() if track is None else track, lo, hi)


def _fit_label(
    mark: Mark,
    size: LabelSize,
    left: float,
    right: float,
    m: Metrics,
    tracks: _Tracks,
    out: LaneLayout,
) -> bool:
    """Put a bar and its label in a track: beside the bar (after it, else before it) or on
    top of it, in an existing track if one has room, else in a new one. False: no room."""
    lo, hi = mark.x0, mark.reach
    title = size.height - size.date_height - 0.5
    # Beside the bar, the title is centred on the bar and the date line stands above it.
    beside_top = m.bar / 2 + title / 2 + 0.5 + size.date_height
    sink = max(0.0, title / 2 - m.bar / 2)
    options: list[tuple[str, float, float, float]] = []  # where, text x, span taken
    if hi + _BESIDE_GAP + size.width <= right:
        options.append(("after", hi + _BESIDE_GAP, lo, hi + _BESIDE_GAP + size.width))
    if lo - _BESIDE_GAP - size.width >= left:
        options.append(("before", lo - _BESIDE_GAP, lo - _BESIDE_GAP - size.width, hi))
    on_top = min(max(lo, left), right - size.width)
    options.append(("top", on_top, min(lo, on_top), max(hi, on_top + size.width)))
    chosen = next(((o, t) for o in options if (t := tracks.fit(o[2], o[3], m)) is not None), None)
    if chosen is None:
        track = tracks.fit_or_new(options[0][2], options[0][3], m)
        if track is None:
            return False
        chosen = (options[0], track)
    (where, x, a, b), track = chosen
    tracks.put([mark], track, a, b)
    if where == "top":
        n = _rows_for(size, m)
        tracks.above[track] = max(tracks.above[track], m.label_gap + n * m.row)
        top = m.bar + m.label_gap + n * m.row - 0.5
    else:
        tracks.below[track] = max(tracks.below[track], sink)
        tracks.above[track] = max(tracks.above[track], beside_top - m.bar + 0.5)
        top = beside_top
    out.labels.append(PlacedLabel(mark, size, x, top, right_aligned=where == "before"))
    return True


def _stacks(bars: list[Mark], skip: frozenset[int]) -> list[list[Mark]]:
    """Bars without a label here, in order of start; bars labelled elsewhere (in a detail
    panel, where each shows) that are drawn alike share one place."""
    groups: dict[tuple[object, ...], list[Mark]] = {}
    for k in bars:
        e = k.event
        key: tuple[object, ...] = (id(k),)
        if id(k) in skip:
            key = (
                round(k.x0, 1),
                round(k.x1, 1),
                round(k.solid0, 1),
                round(k.solid1, 1),
                k.arrow,
                k.tail,
                e.certainty,
            )
        groups.setdefault(key, []).append(k)
    return sorted(groups.values(), key=lambda st: (st[0].x0, -st[0].x1))


def _place_other_bars(
    bars: list[Mark],
    skip: frozenset[int],
    m: Metrics,
    tracks: _Tracks,
    rows: _Rows | None,
    used: int,
) -> list[tuple[Mark, int]]:
    """Place the bars without a label here: in a track with room, else in a free gap of the
    label rows above the marker line (returned as (mark, row)), else in a new track."""
    above: list[tuple[Mark, int]] = []
    for stack in _stacks(bars, skip):
        lo, hi = stack[0].x0, max(k.reach for k in stack)
        track = tracks.fit(lo, hi, m)
        if track is None and rows is not None and m.fill_gaps:
            row = next((r for r in range(used) if rows.box_free(r, lo, hi, m)), None)
            if row is not None:
                rows.boxes[row].add(lo, hi)
                above.extend((k, row) for k in stack)
                continue
        if track is None:
            track = tracks.fit_or_new(lo, hi, m)
        if track is None:
            track = tracks.overflow()
        tracks.put(stack, track, lo, hi)
    return above


#: Lanes with more labels than this get one placement try, not several (speed).
_RETRY_UP_TO = 400
#: Narrowest label worth trying before paying for a measurement (a short date line).
_PROBE = 30.0


def _place_point(
    mark: Mark,
    measure: Measure,
    rows: _Rows,
    left: float,
    right: float,
    m: Metrics,
    *,
    flip_first: bool = False,
) -> PlacedLabel | None:
    """Place one point's label in the lowest free row, on the right of its stem or, failing
    that (or first, with ``flip_first``), on its left; None when there is no room."""
    x = mark.x
    room_right = right - (x + m.stem_pad)
    room_left = (x - m.stem_pad) - left
    # A cheap check first: at 100,000 events most labels have no room, and measuring costs.
    probe_right = room_right >= _PROBE and (
        rows.find(x - 0.5, x + m.stem_pad + _PROBE, x, 2, m) is not None
    )
    probe_left = room_left >= _PROBE and (
        rows.find(x - m.stem_pad - _PROBE, x + 0.5, x, 2, m) is not None
    )
    if not (probe_right or probe_left):
        return None
    size = measure(mark, min(m.max_label_width, max(room_left, room_right)))
    if size is None:
        return None
    n = _rows_for(size, m)
    sides = (True, False) if flip_first else (False, True)
    for flipped in sides:
        if size.width > (room_left if flipped else room_right):
            continue
        if flipped:
            a, b = x - m.stem_pad - size.width, x + 0.5
        else:
            a, b = x - 0.5, x + m.stem_pad + size.width
        r = rows.find(a, b, x, n, m)
        if r is not None:
            rows.take(a, b, x, r, n)
            tx = x - m.stem_pad if flipped else x + m.stem_pad
            return PlacedLabel(mark, size, tx, (r + n) * m.row - 0.5, right_aligned=flipped)
    return None


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


def find_clusters(marks: Sequence[Mark], panel_width: float, limit: int = 2) -> list[Cluster]:
    """The crowds that deserve a zoomed detail panel, left to right (at most ``limit``).

    Labelled marks narrow enough to be points on the main axis are counted in bins a few
    points wide. A crowd is a run of adjacent bins holding, with their fuller neighbour, at
    least ``_MIN_CROWD`` labels and ``_DENSER`` times the average of occupied bins, whose
    events fall on at least three different dates and span so little of the axis that a
    panel ``panel_width`` wide magnifies them ``_MIN_ZOOM`` times or more. The biggest
    crowds win; a further crowd needs at least half the labels of the biggest.
    """
    narrow = [k for k in marks if k.labelled and k.x1 - k.x0 <= _CROWD_WIDTH]
    if len(narrow) < _MIN_CROWD:
        return []
    bins: dict[int, list[Mark]] = {}
    for k in narrow:
        bins.setdefault(int(k.x // _BIN), []).append(k)
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
        extent = max(k.x1 for k in run) - min(k.x0 for k in run)
        # Zooming in separates events only if they do not all share one date.
        distinct = len({k.event.when for k in run})
        if distinct >= 3 and panel_width / max(extent, 1.0) >= _MIN_ZOOM:
            good.append(run)
    good.sort(key=lambda r: -len(r))
    # A second panel must show a crowd of comparable size, not a mere busy patch.
    good = [r for r in good if 2 * len(r) >= len(good[0])] if good else []
    chosen = sorted(good[:limit], key=lambda r: min(k.x for k in r))
    return [Cluster(tuple(sorted(run, key=lambda k: k.x))) for run in chosen]
