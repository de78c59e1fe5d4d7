"""Lane geometry and label placement, in points, with no drawing.

A lane is drawn bottom-up as: bar tracks (periods, and dates whose span is wide enough to
draw), a marker line (events that are points at this scale), and the point labels above it.

- Bars (``_chart_tracks``): every labelled bar has a track of its own, its label beside it
  where there is room, else on top of it, so events of the same span show as bars one above
  another, each with its own label. Bars without a label fill free room first.
- Point labels (``_chart_points``) hang from thin stems rising from the markers, in rows
  above the marker line, placed as a staircase that never crosses a stem.

Every placement is checked against exact text extents, so labels never overlap each other,
a stem, a marker or a bar; a label that finds no room within the row limit is dropped and
counted, never squeezed. The shapes used here are in ``_chart_geometry``.
"""

from __future__ import annotations

from collections.abc import Sequence

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

__all__ = ["LabelSize", "LaneLayout", "Mark", "Metrics", "PlacedLabel", "layout_lane"]


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
    placed_labels, dropped, used, rows = place_point_labels(
        points, measure, left, right, m, skip_labels
    )
    out.dropped += dropped
    above = place_other_bars(others, skip_labels, m, tracks, rows, used)
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
