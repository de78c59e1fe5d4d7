"""Point labels: each hangs from a thin stem rising from its marker, in rows above the
marker line.

Labels are placed right to left, each in the lowest row where neither its box nor its stem
touches anything placed before; the result is a staircase that climbs leftwards and never
crosses a stem.

When every label must be placed (:attr:`Metrics.complete`), labels with room on the right
of their stems hang there above the marker line, and the others (near the right end) hang
on the left of their stems below it, each side a staircase that always finds a row.
Stems closer together than a label's stem gap cannot stand in a staircase (a label would
cover its neighbour's stem), and markers at the same place would hide each other: such
points form a *pile*. Their markers rise (or sink) on their own stems, one above another,
each level with its own label, the labels listed beside them like the lines of a list,
earliest at the top. A pile is placed in the rows like one tall label.

In huge charts (more labels than are all placed) the labels go where they fit, above the
line, within a row limit; the rest are dropped and counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.render.chart._geometry import (
    PROBE,
    LabelSize,
    Mark,
    Measure,
    Metrics,
    Rows,
    rows_for,
)

__all__ = ["PlacedPoint", "place_point_labels"]

#: Lanes with more labels than this get one placement try, not several (speed).
_RETRY_UP_TO = 150


@dataclass(slots=True)
class PlacedPoint:
    """Where one point's label (and, in a pile, its marker) goes: y measured from the
    bottom of the label rows, x in points."""

    mark: Mark
    size: LabelSize | None  # None: a marker in a pile, without a label here
    x: float  # the text's left edge (its right edge when ``right_aligned``)
    top: float
    right_aligned: bool
    #: The stem (and, in a pile, the leader to the text), as a polyline.
    leader: tuple[tuple[float, float], ...]
    raised: float | None = None  # a pile's marker: the y of its centre
    #: Below the marker line: y is then measured from the top of the rows below it.
    below: bool = False


@dataclass(frozen=True, slots=True)
class PointLayout:
    placed: list[PlacedPoint]
    dropped: int
    used: int  # rows used above the marker line
    rows: Rows | None
    below: int = 0  # rows used below it


def place_point_labels(
    points: list[Mark],
    measure: Measure,
    left: float,
    right: float,
    m: Metrics,
    skip: frozenset[int],
) -> PointLayout:
    """The point labels in rows above the marker line (and the piles, if any)."""
    wanted = [k for k in points if k.labelled and id(k) not in skip]
    sizes: dict[tuple[int, float], LabelSize | None] = {}

    def cached(mark: Mark, width: float) -> LabelSize | None:
        # Where labels are budgeted, a label is measured once, at its first width.
        key = (id(mark), round(width, 1) if m.complete else 0.0)
        if key not in sizes:
            sizes[key] = measure(mark, width)
        return sizes[key]

    if m.complete:
        return _place_complete(points, cached, left, right, m, skip)
    if not wanted:
        return PointLayout([], 0, 0, None)
    return _place_selective(wanted, cached, left, right, m)


# -- every label placed -----------------------------------------------------------------------


def _foot(m: Metrics) -> float:
    """Distance from the marker line to the nearest label row, above or below it."""
    return m.marker / 2 + m.stem_min


def _piles(points: list[Mark], skip: frozenset[int], m: Metrics) -> list[list[Mark]]:
    """Points that need a place in the rows, gathered left to right: a label whose stem
    would stand too close to another stem, or a marker that would hide (or be hidden by)
    another, joins its neighbour's pile. A point without a label that hides nothing stays
    on the marker line and is not returned."""
    stem_gap = m.stem_pad + 0.6
    hide = 0.25 * m.marker
    groups: list[list[Mark]] = []

    def stems(group: list[Mark]) -> bool:
        """True when the group stands on stems: a pile, or a labelled point."""
        return len(group) > 1 or group[0].labelled

    for k in sorted(points, key=lambda k: k.x):
        if id(k) in skip:
            continue  # labelled in a detail panel: drawn there one by one
        if groups:
            group = groups[-1]
            had_stems = stems(group)
            gap = k.x - group[-1].x
            if k.labelled and had_stems:
                join = gap < stem_gap
            else:
                join = gap < hide and (k.labelled or had_stems or m.pile_unlabelled)
            if join:
                group.append(k)
                # A marker that had none now stands on a stem of the pile: that stem too
                # must keep its gap from the stems on its left, else the two join.
                if not had_stems and len(groups) > 1:
                    before = groups[-2]
                    if stems(before) and group[0].x - before[-1].x < stem_gap:
                        before.extend(groups.pop())
                continue
        groups.append([k])
    return [g for g in groups if stems(g)]


def _place_complete(
    points: list[Mark],
    measure: Measure,
    left: float,
    right: float,
    m: Metrics,
    skip: frozenset[int],
) -> PointLayout:
    """Place every label, as two staircases that cannot block each other.

    Labels with room on the right of their stems hang there, above the marker line,
    placed right to left: each stem stands left of every label placed before it, so it
    always finds a row. Labels near the right end, without that room, hang on the left of
    their stems below the marker line, placed left to right: the mirror image. Piles keep
    the stems of neighbouring labels far enough apart for both.
    """
    piles = _piles(points, skip, m)
    if not piles:
        return PointLayout([], 0, 0, None)
    above, below = Rows(m.max_rows), Rows(m.max_rows)
    rising = [p for p in piles if _hangs_right(p, measure, left, right, m)]
    falling = [p for p in piles if not any(p is q for q in rising)]
    placed: list[PlacedPoint] = []
    lost = 0
    for pile, rows, flipped in [
        *((p, above, False) for p in sorted(rising, key=lambda p: -p[-1].x)),
        *((p, below, True) for p in sorted(falling, key=lambda p: p[0].x)),
    ]:
        got = _place_pile(pile, measure, rows, left, right, m, flipped)
        if got is None:
            lost += sum(1 for k in pile if k.labelled)
        else:
            placed.extend(got)
    return PointLayout(placed, lost, above.used, above, below.used)


def _hangs_right(pile: list[Mark], measure: Measure, left: float, right: float, m: Metrics) -> bool:
    """True when the pile's labels go on the right of its stems: there is room for
    them there, or more room than on the left."""
    if not any(k.labelled for k in pile):
        return True
    pad = m.stem_pad + (m.marker / 2 if len(pile) > 1 else 0.0)
    room_right = right - (pile[-1].x + pad)
    room_left = (pile[0].x - pad) - left
    if room_right >= m.max_label_width:
        return True
    if room_left >= m.max_label_width:
        # Measured at the width it would have on the right: a short label may fit there.
        sizes = [measure(k, room_right) for k in pile if k.labelled] if room_right > PROBE else []
        return bool(sizes) and all(
            s is not None and s.width <= room_right and "\n" not in s.title for s in sizes
        )
    return room_right >= room_left


def _place_pile(
    pile: list[Mark],
    measure: Measure,
    rows: Rows,
    left: float,
    right: float,
    m: Metrics,
    flipped: bool,
) -> list[PlacedPoint] | None:
    """Place a pile (or a single label) in ``rows``: on the right of its stems above the
    marker line, or (``flipped``) on their left below it. A pile's markers rise (or sink)
    on their stems, one above another, each level with its label; its labels stand in a
    column beside the outermost stem."""
    x0, x1 = pile[0].x, pile[-1].x
    single = len(pile) == 1
    pad = m.stem_pad + (0.0 if single else m.marker / 2)
    tx = x0 - pad if flipped else x1 + pad
    room = tx - left if flipped else right - tx
    width = min(m.max_label_width, room)
    if width < PROBE and any(k.labelled for k in pile):
        return None
    sizes = [measure(k, width) if k.labelled else None for k in pile]
    if any(s is None for s, k in zip(sizes, pile, strict=True) if k.labelled):
        return None
    widest = max((s.width for s in sizes if s is not None), default=0.0)
    heights = [s.height if s is not None else m.marker + 1.0 for s in sizes]
    total = sum(heights) + m.entry_gap * (len(pile) - 1)
    n = rows_for(LabelSize(widest, total, "", 0.0, ""), m)
    if flipped:
        a, b = (tx - widest) if widest else x0 - m.marker / 2, x1 + 0.5
    else:
        a, b = x0 - 0.5, (tx + widest) if widest else x1 + m.marker / 2
    r = rows.find(a, b, x0, n, m, x1=x1)
    if r is None:
        return None
    rows.take(a, b, x0, r, n, x1=x1)
    foot = _foot(m)
    if flipped:  # below the marker line: y downwards from the top of the label rows
        top = -r * m.row - 0.5
        foot_y = foot
    else:
        top = (r + n) * m.row - 0.5
        foot_y = -foot
    first = sizes[0]
    if single and first is not None:
        k = pile[0]
        # The stem starts behind the marker and ends level with the far edge of the text.
        end = top - first.height + 0.5 if flipped else top - 0.5
        return [PlacedPoint(k, first, tx, top, flipped, ((k.x, foot_y), (k.x, end)), below=flipped)]
    out = []
    y = top
    # Earliest at the top: then no leader crosses a stem, on either side.
    for k, entry, h in zip(pile, sizes, heights, strict=True):
        middle = y - entry.date_height / 2 if entry is not None else y - h / 2
        line: tuple[tuple[float, float], ...] = ((k.x, foot_y), (k.x, middle))
        if entry is not None:
            line += ((tx + 1.0 if flipped else tx - 1.0, middle),)
        out.append(PlacedPoint(k, entry, tx, y, flipped, line, raised=middle, below=flipped))
        y -= h + m.entry_gap
    return out


def _place_single(
    mark: Mark,
    measure: Measure,
    rows: Rows,
    left: float,
    right: float,
    m: Metrics,
    *,
    flip_first: bool = False,
) -> list[PlacedPoint] | None:
    """Place one point's label in the lowest free row, on the right of its stem or, failing
    that (or first, with ``flip_first``), on its left; None when there is no room."""
    x = mark.x
    room_right = right - (x + m.stem_pad)
    room_left = (x - m.stem_pad) - left
    # A cheap check first: at 100,000 events most labels have no room, and measuring costs.
    probe_right = room_right >= PROBE and (
        rows.find(x - 0.5, x + m.stem_pad + PROBE, x, 2, m) is not None
    )
    probe_left = room_left >= PROBE and (
        rows.find(x - m.stem_pad - PROBE, x + 0.5, x, 2, m) is not None
    )
    if not (probe_right or probe_left):
        return None
    size = measure(mark, min(m.max_label_width, max(room_left, room_right)))
    if size is None:
        return None
    n = rows_for(size, m)
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
            top = (r + n) * m.row - 0.5
            # The stem starts behind the marker and ends level with the top of the text.
            leader = ((x, -_foot(m)), (x, top - 0.5))
            return [PlacedPoint(mark, size, tx, top, flipped, leader)]
    return None


# -- labels where they fit (huge charts) ------------------------------------------------------


def _place_selective(
    wanted: list[Mark], measure: Measure, left: float, right: float, m: Metrics
) -> PointLayout:
    """Labels where they fit, within the row limit; the rest are dropped and counted.

    Near the right edge labels hang to the left of their stems and the staircase must
    mirror. Where that zone should begin depends on the events, so a few are tried (the
    first is nearly always perfect), and one more without placing milestones first (a
    milestone's label can block the stem of a neighbour on its right). The try dropping
    fewest milestones, then fewest labels, then using fewest rows, wins.
    """
    best: tuple[tuple[int, int, int], list[PlacedPoint], Rows] | None = None
    edges = [right - m.max_label_width, right - 2 * m.max_label_width, right, left]
    tries = [(edge, True) for edge in edges] + [(edges[0], False)]
    for edge, first in tries if len(wanted) <= _RETRY_UP_TO else tries[:1]:
        placed, rows = _place_points(wanted, measure, left, right, m, edge, first)
        shown = {id(p.mark) for p in placed}
        lost = [k for k in wanted if id(k) not in shown]
        score = (sum(1 for k in lost if k.event.is_milestone), len(lost), rows.used)
        if best is None or score < best[0]:
            best = (score, placed, rows)
        if not best[0][1]:
            break
    assert best is not None
    (_, dropped, used), placed, rows = best
    return PointLayout(placed, dropped, used, rows)


def _place_points(
    wanted: list[Mark],
    measure: Measure,
    left: float,
    right: float,
    m: Metrics,
    edge: float,
    milestones_first: bool = True,
) -> tuple[list[PlacedPoint], Rows]:
    """One try at the point labels: (placed labels, the rows).

    Milestones go first (unless ``milestones_first`` is False), so they are the last to
    lose their place. Right of ``edge`` labels are placed left to right and hang left of
    their stems first; the others go right to left and hang right first. In a lane with
    more labels than can possibly fit, they are taken in rounds across the axis (see below).
    """

    def rank(k: Mark) -> int:
        return -k.event.importance if milestones_first else 0

    def sweep(k: Mark) -> tuple[int, float, int]:
        near = k.x > edge
        return (0 if near else 1, k.x if near else -k.x, -k.event.index)

    rounds: dict[int, int] = {}
    if len(wanted) > _RETRY_UP_TO:
        # Whichever labels come first take the label budget: take them in rounds across
        # the axis (the first of each stretch a label wide, then the second...), so that the
        # labels shown spread over the whole span instead of piling up at one end.
        taken: dict[tuple[int, int], int] = {}
        for k in sorted(wanted, key=lambda k: (rank(k), *sweep(k))):
            stretch = (rank(k), int((k.x - left) // m.max_label_width))
            rounds[id(k)] = taken.get(stretch, 0)
            taken[stretch] = rounds[id(k)] + 1

    def order(k: Mark) -> tuple[int, int, int, float, int]:
        return (rank(k), rounds.get(id(k), 0), *sweep(k))

    spent = False

    def budgeted(mark: Mark, width: float) -> LabelSize | None:
        nonlocal spent
        size = measure(mark, width)
        spent = spent or size is None
        return size

    rows = Rows(m.max_rows)
    placed: list[PlacedPoint] = []
    for mark in sorted(wanted, key=order):
        got = _place_single(mark, budgeted, rows, left, right, m, flip_first=mark.x > edge)
        if got is not None:
            placed.extend(got)
        # Once the label budget is spent no further label can be measured, so none can be
        # placed: with 100,000 events, trying each one would cost more than the chart. (In
        # the retries of smaller lanes, labels measured by an earlier try still can.)
        if spent and len(wanted) > _RETRY_UP_TO:
            break
    return placed, rows
