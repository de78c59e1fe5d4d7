"""Lane geometry and label placement, in points, with no drawing.

A lane is drawn bottom-up as: bar tracks (periods, and dates whose span is wide enough to
draw), a marker line (events that are points at this scale), and the point labels above it.

- Bars (``_tracks``): every labelled bar has a track of its own, its label beside it
  where there is room, else on top of it, so events of the same span show as bars one above
  another, each with its own label. Bars without a label fill free room first.
- Point labels (``_points``) hang from thin stems rising from the markers, in rows above
  the marker line, placed as a staircase that never crosses a stem; points too close
  together for that are listed as a pile, their markers raised beside their labels.

Every placement is checked against exact text extents, so labels never overlap each other,
a stem, a marker or a bar; where every label must be placed there is no row or track limit
(the chart grows, and is split into parts when it would be too tall); in huge charts a label
that finds no room within the limits is dropped and counted, never squeezed. The shapes
used here are in ``_geometry``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from timeline.render.chart._geometry import (
    LabelSize,
    LaneLayout,
    Mark,
    Measure,
    Metrics,
    PlacedLabel,
)
from timeline.render.chart._points import place_point_labels
from timeline.render.chart._tracks import Tracks, place_labelled_bars, place_other_bars

__all__ = [
    "LabelSize",
    "LaneLayout",
    "Mark",
    "Metrics",
    "PlacedLabel",
    "corner_free",
    "layout_lane",
]


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
    tracks = Tracks()
    place_labelled_bars(own, measure, left, right, m, tracks, out)
    found = place_point_labels(points, measure, left, right, m, skip_labels)
    out.dropped += found.dropped
    used = found.used
    above = place_other_bars(others, skip_labels, m, tracks, found.rows, used)
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
    foot = m.marker / 2 + m.stem_min
    below = found.below * m.row + (foot if found.below else 0.0)
    out.marker_y = y + below + m.marker / 2 + 1.0
    base = out.marker_y + foot
    under = out.marker_y - foot  # the top of the rows below the marker line
    for mark, r in above:
        out.bar_y[id(mark)] = base + r * m.row + (m.row - m.bar) / 2
    for p in found.placed:
        shift = under if p.below else base
        leader = tuple((x, y + shift) for x, y in p.leader)
        if p.raised is not None:
            out.raised[id(p.mark)] = p.raised + shift
        if p.size is None:
            out.leaders.append(leader)
            continue
        out.labels.append(
            PlacedLabel(p.mark, p.size, p.x, p.top + shift, p.right_aligned, leader=leader)
        )
    out.rows_top = base + used * m.row
    out.height = out.rows_top + 2.0 if used else out.marker_y + m.marker / 2 + 2.0
    return out


def corner_free(out: LaneLayout, x0: float, x1: float, height: float, m: Metrics) -> bool:
    """True when nothing of the laid-out lane (label, bar, marker, stem or marker line)
    comes within a few points of the box ``x0``-``x1`` across its top ``height`` points:
    the lane's name can stand there without a row of its own."""
    top = out.height
    y0 = top - height
    if y0 < 0.0:
        return False
    pad = m.h_gap / 2

    def clear(a: float, b: float, c: float, d: float) -> bool:
        return b + pad <= x0 or a - pad >= x1 or d + pad <= y0 or c - pad >= top

    for lb in out.labels:
        w, h = lb.size.width, lb.size.height
        a = lb.x - w if lb.right_aligned else lb.x
        if not clear(a, a + w, lb.top - h, lb.top):
            return False
        if lb.leader and not _line_clear(lb.leader, clear):
            return False
    for line in out.leaders:
        if not _line_clear(line, clear):
            return False
    r = m.marker / 2
    for k in out.marks:
        if k.bar:
            y = out.bar_y.get(id(k))
            if y is not None and not clear(k.x0, k.reach, y, y + m.bar):
                return False
            continue
        y = out.raised.get(id(k), out.marker_y)
        if not clear(k.x - r, k.x + r, y - r, y + r):
            return False
    return not (any(not k.bar for k in out.marks) and out.marker_y + r + pad > y0)


def _line_clear(
    line: tuple[tuple[float, float], ...], clear: Callable[[float, float, float, float], bool]
) -> bool:
    return all(
        clear(min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1]))
        for a, b in itertools.pairwise(line)
    )
