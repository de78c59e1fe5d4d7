"""The shapes lane layout works with: metrics, marks, measured and placed labels, and the
interval sets that say what is taken where. All in points; nothing is drawn here."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from timeline.model import Event

__all__ = [
    "PROBE",
    "LabelSize",
    "LaneLayout",
    "Mark",
    "Measure",
    "Metrics",
    "PlacedLabel",
    "Rows",
    "Spans",
    "rows_for",
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
    #: Every label must be placed (no row or track limit that matters): points too close
    #: together for a staircase of stems are gathered into piles, listed one under another.
    complete: bool = False
    #: Points without a label that would hide another marker join a pile too.
    pile_unlabelled: bool = False
    #: Gap between two entries of a pile.
    entry_gap: float = 2.0


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
    #: The line from the marker to the text, as points of a polyline (lane coordinates).
    leader: tuple[tuple[float, float], ...] | None = None


@dataclass(slots=True)
class LaneLayout:
    """Where everything of one lane goes, in points from the lane's bottom-left."""

    marks: list[Mark]
    height: float = 0.0
    marker_y: float = 0.0
    bar_y: dict[int, float] = field(default_factory=dict)  # id(mark) -> bar bottom
    labels: list[PlacedLabel] = field(default_factory=list)
    #: Points drawn in a pile, above the marker line: id(mark) -> y of the marker's centre.
    raised: dict[int, float] = field(default_factory=dict)
    #: Stems of pile entries without a label (polylines, lane coordinates).
    leaders: list[tuple[tuple[float, float], ...]] = field(default_factory=list)
    dropped: int = 0
    rows_top: float = 0.0  # top of the highest label row


class Spans:
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


class Rows:
    """The label rows above a marker line: boxes and stems per row, added as needed up to
    ``limit`` rows. A stem may be a band (the stems of a pile of labels)."""

    def __init__(self, limit: int) -> None:
        self.boxes: list[Spans] = []
        self.stems: list[Spans] = []
        self.limit = limit
        self.used = 0

    def _grow(self, n: int) -> None:
        while len(self.boxes) < n:
            self.boxes.append(Spans())
            self.stems.append(Spans())

    def box_free(self, r: int, a: float, b: float, m: Metrics) -> bool:
        if r >= len(self.boxes):
            return True
        return not self.boxes[r].hits(a, b, m.h_gap) and not self.stems[r].hits(a, b, m.stem_pad)

    def stem_free(self, r: int, x0: float, x1: float, m: Metrics) -> bool:
        if r >= len(self.boxes):
            return True
        return not self.boxes[r].hits(x0 - 0.5, x1 + 0.5, m.stem_pad - 0.5)

    def find(
        self, a: float, b: float, x0: float, n: int, m: Metrics, x1: float | None = None
    ) -> int | None:
        """The lowest row where a box ``[a, b]`` of ``n`` rows fits with its stem at ``x0``
        (or its stems across ``x0``-``x1``) free of every box below it."""
        x1 = x0 if x1 is None else x1
        for r in range(self.limit - n + 1):
            if r >= len(self.boxes):
                return r
            if all(self.box_free(k, a, b, m) for k in range(r, r + n)):
                return r
            if not self.stem_free(r, x0, x1, m):
                return None
        return None

    def take(self, a: float, b: float, x0: float, r: int, n: int, x1: float | None = None) -> None:
        x1 = x0 if x1 is None else x1
        self._grow(r + n)
        for k in range(r):
            self.stems[k].add(x0 - 0.5, x1 + 0.5)
        for k in range(r, r + n):
            self.boxes[k].add(a, b)
        self.used = max(self.used, r + n)

    def add_box(self, r: int, a: float, b: float) -> None:
        """Take ``[a, b]`` in row ``r`` (a bar placed in a gap among the labels)."""
        self._grow(r + 1)
        self.boxes[r].add(a, b)


#: Measure a mark's label for a wrap width; None when the label budget is spent.
Measure = Callable[[Mark, float], LabelSize | None]


def rows_for(size: LabelSize, m: Metrics) -> int:
    return max(1, math.ceil((size.height + 1.0) / m.row))


#: Narrowest label worth trying before paying for a measurement (a short date line).
PROBE = 30.0
