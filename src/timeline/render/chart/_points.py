"""Point labels: each hangs from a thin stem rising from its marker, in rows above the
marker line.

Labels are placed right to left, each in the lowest row where neither its box nor its stem
touches anything placed before; the result is a staircase that climbs leftwards and never
crosses a stem. A label with no room on the right of its stem goes on the left; near the
right edge the staircase mirrors.
"""

from __future__ import annotations

from timeline.render.chart._geometry import (
    PROBE,
    LabelSize,
    Mark,
    Measure,
    Metrics,
    PlacedLabel,
    Rows,
    rows_for,
)

__all__ = ["place_point_labels"]

#: Lanes with more labels than this get one placement try, not several (speed).
_RETRY_UP_TO = 400


def place_point_labels(
    points: list[Mark],
    measure: Measure,
    left: float,
    right: float,
    m: Metrics,
    skip: frozenset[int],
) -> tuple[list[PlacedLabel], int, int, Rows | None]:
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
    best: tuple[tuple[int, int, int], list[PlacedLabel], Rows] | None = None
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
) -> tuple[list[PlacedLabel], Rows]:
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


def _place_point(
    mark: Mark,
    measure: Measure,
    rows: Rows,
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
            return PlacedLabel(mark, size, tx, (r + n) * m.row - 0.5, right_aligned=flipped)
    return None
