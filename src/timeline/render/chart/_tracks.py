"""Bar tracks: the rows under the marker line where bars go, each labelled bar with its label.

Every labelled bar has a track of its own, its label beside it (after the bar, else before
it) where there is room, else on top of it. Bars without a label go where there is room:
an existing track, a free gap among the point labels, or a new track; past the track limit,
into one last track that holds no label.
"""

from __future__ import annotations

from timeline.render.chart._geometry import (
    PROBE,
    LabelSize,
    LaneLayout,
    Mark,
    Measure,
    Metrics,
    PlacedLabel,
    Rows,
    Spans,
    rows_for,
)

__all__ = ["Tracks", "place_labelled_bars", "place_other_bars"]


class Tracks:
    """The bar tracks under the marker line: what each holds and how tall it is.

    A track's height is its bars' plus what rises above them (labels on top of a bar) and
    what hangs below (a label beside a bar, centred on it, may be taller than the bar).
    """

    def __init__(self) -> None:
        self.spans: list[Spans] = []
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
            self.spans.append(Spans())
            self.above.append(0.0)
            self.below.append(0.0)
            track = len(self.spans) - 1
        return track

    def overflow(self) -> int:
        """The last track, for bars that find no room in the others: it holds no labels,
        so bars overlapping there cover only each other, never a label."""
        if self._overflow is None:
            self.spans.append(Spans())
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


def place_labelled_bars(
    bars: list[Mark],
    measure: Measure,
    left: float,
    right: float,
    m: Metrics,
    tracks: Tracks,
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
        if tracks.room(lo, max(hi, lo + PROBE), m):
            width = min(2 * m.max_label_width, side_room)
            if side_room < _BESIDE:
                # On top of the bar: as wide as the bar allows, within two label widths.
                span = max(m.max_label_width, hi - lo)
                width = min(2 * m.max_label_width, span, right - left)
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
    tracks: Tracks,
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
        n = rows_for(size, m)
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


def place_other_bars(
    bars: list[Mark],
    skip: frozenset[int],
    m: Metrics,
    tracks: Tracks,
    rows: Rows | None,
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
                rows.add_box(row, lo, hi)
                above.extend((k, row) for k in stack)
                continue
        if track is None:
            track = tracks.fit_or_new(lo, hi, m)
        if track is None:
            track = tracks.overflow()
        tracks.put(stack, track, lo, hi)
    return above
