"""Label placement where every label must be placed: staircases, piles, labels below the
marker line; and the marks, ids and axis of the drawn chart."""

from __future__ import annotations

import importlib
import itertools
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from matplotlib.collections import PathCollection, PolyCollection

import timeline
from timeline import Timeline

from . import chart_checks as cc

layout: Any = importlib.import_module("timeline.render.chart._layout")
ch: Any = importlib.import_module("timeline.render.chart._compose")

_M = layout.Metrics(row=10.0, max_rows=10**6, max_tracks=10**6, complete=True, pile_unlabelled=True)
_EVENTS = timeline.check_bytes(
    b"title: T\nevents:\n"
    + b"".join(b"  - {date: 2001-02-03, title: E%d}\n" % i for i in range(60)),
    "t.yaml",
).timeline
assert _EVENTS is not None


def _load(data: bytes) -> Timeline:
    report = timeline.check_bytes(data, "chart.yaml")
    assert report.timeline is not None
    assert not report.errors, [str(d) for d in report.errors]
    return report.timeline


def _points(xs: list[float], labelled: list[bool] | None = None) -> list[Any]:
    marks = []
    for i, x in enumerate(xs):
        on = True if labelled is None else labelled[i]
        marks.append(layout.Mark(_EVENTS.events[i], 0, False, x, x, x, x, x, on, x))
    return marks


def _measure(widths: dict[int, float]) -> Any:
    def measure(mark: Any, width: float) -> Any:
        w = min(widths.get(mark.event.index, 90.0), width)
        return layout.LabelSize(w, 18.0, "3 Feb 2001", 8.0, mark.event.title)

    return measure


def _boxes(out: Any) -> list[tuple[float, float, float, float]]:
    """Each placed label's box (x0, x1, y0, y1) in lane coordinates."""
    boxes = []
    for lb in out.labels:
        w, h = lb.size.width, lb.size.height
        x0 = lb.x - w if lb.right_aligned else lb.x
        boxes.append((x0, x0 + w, lb.top - h, lb.top))
    return boxes


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


@settings(max_examples=200, deadline=None)
@given(
    xs=st.lists(st.floats(0.0, 600.0), min_size=1, max_size=60),
    widths=st.lists(st.floats(20.0, 150.0), min_size=60, max_size=60),
    unlabelled=st.lists(st.booleans(), min_size=60, max_size=60),
)
# A labelled point, then an unlabelled one a stem gap away from it (not a marker apart)
# that a labelled point half a point further on piles with: the pile's stems then stand
# too close to the first point's stem, which must join them.
@example(xs=[0.0, 2.5, 3.0], widths=[20.0] * 60, unlabelled=[False, True] + [False] * 58)
def test_every_point_label_is_placed_without_touching_another(
    xs: list[float], widths: list[float], unlabelled: list[bool]
) -> None:
    """Wherever the points are (same place, a point apart, at the edges), every label is
    placed, within the lane, no two labels overlap, no stem or leader runs through a
    label, and no two markers sit on one another."""
    labelled = [not u for u in unlabelled[: len(xs)]]
    marks = _points(xs, labelled)
    out = layout.layout_lane(marks, _measure(dict(enumerate(widths))), 0.0, 600.0, _M)
    assert out.dropped == 0
    assert {id(lb.mark) for lb in out.labels} == {
        id(k) for k, on in zip(marks, labelled, strict=True) if on
    }
    boxes = _boxes(out)
    for x0, x1, _, _ in boxes:
        assert x0 >= -1e-6
        assert x1 <= 600.0 + 1e-6
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlap(a, b)
    lines = [*(lb.leader for lb in out.labels if lb.leader), *out.leaders]
    for x0, x1, y0, y1 in boxes:
        inner = (x0 + 1.0, x1 - 1.0, y0 + 1.0, y1 - 1.0)  # a stem may end at its label
        for line in lines:
            for (a, b), (c, d) in itertools.pairwise(line):
                assert not _overlap((min(a, c), max(a, c), min(b, d), max(b, d)), inner)
    centres = [(k.x, out.raised.get(id(k), out.marker_y)) for k in marks]
    for (x0, y0), (x1, y1) in itertools.combinations(centres, 2):
        assert abs(x0 - x1) >= 0.25 * _M.marker - 1e-9 or abs(y0 - y1) >= 1.0


def test_same_day_events_are_listed_in_a_pile() -> None:
    """Five events at the same place: five labels one under another, earliest first, each
    level with its own marker, raised on its stem so that no marker hides another."""
    marks = _points([300.0] * 5)
    out = layout.layout_lane(marks, _measure({}), 0.0, 600.0, _M)
    assert len(out.labels) == 5
    tops = [lb.top for lb in sorted(out.labels, key=lambda lb: lb.mark.event.index)]
    assert tops == sorted(tops, reverse=True)
    heights = {out.raised[id(k)] for k in marks}
    assert len(heights) == 5
    for lb in out.labels:
        y = out.raised[id(lb.mark)]
        assert lb.top - lb.size.height <= y <= lb.top


def test_labels_near_the_right_end_hang_below_the_line() -> None:
    """A label with room on the right of its stem hangs there above the marker line; one
    at the right end hangs on the left, below it."""
    marks = _points([50.0, 590.0])
    out = layout.layout_lane(marks, _measure({}), 0.0, 600.0, _M)
    left, right = sorted(out.labels, key=lambda lb: lb.mark.x)
    assert not left.right_aligned
    assert left.top - left.size.height > out.marker_y
    assert right.right_aligned
    assert right.top < out.marker_y


def test_an_unlabelled_marker_hidden_by_another_joins_a_pile() -> None:
    """Two unlabelled events on the same day rise one above the other; one alone stays on
    the marker line."""
    marks = _points([100.0, 100.0, 400.0], [False, False, False])
    out = layout.layout_lane(marks, _measure({}), 0.0, 600.0, _M)
    assert set(out.raised) == {id(marks[0]), id(marks[1])}
    assert out.raised[id(marks[0])] != out.raised[id(marks[1])]


# -- the drawn chart --------------------------------------------------------------------------

_CHART = b"""title: T
as_of: 2024-07-01
groups:
  a: {label: Army}
events:
  - {id: start, date: 2023-04-15, title: Fighting erupts in the capital, importance: 3, group: a}
  - {id: talks, date: 2023-05-20, title: Talks open in a neighbouring city}
  - {id: burst-1, date: 2024-06-10T04:00, title: First of a burst}
  - {id: burst-2, date: 2024-06-10T09:00, title: Second of a burst}
  - {id: burst-3, date: 2024-06-11T02:00, title: Third of a burst}
  - {id: burst-4, date: 2024-06-11T18:00, title: Fourth of a burst}
  - {id: burst-5, date: 2024-06-12T07:00, title: Fifth of a burst}
  - {id: burst-6, date: 2024-06-12T17:00, title: Sixth of a burst}
  - {id: m-1, date: 2023-07-02, title: A month later}
  - {id: m-2, date: 2023-09-02, title: Two months on}
  - {id: m-3, date: 2023-11-02, title: In November}
  - {id: m-4, date: 2024-01-02, title: In the new year}
  - {id: m-5, date: 2024-03-02, title: In March}
"""


def test_every_event_has_its_ids_for_links() -> None:
    """Each event's mark is ``ev:<id>:mark``; each labelled event's title and date line are
    ``ev:<id>:label`` and ``ev:<id>:date``."""
    t = _load(_CHART)
    v = t.view("all") if "all" in t.view_names() else t.view(t.view_names()[0])
    events = timeline.select(t, v)
    fig = ch.chart(t, v, events, options=ch.ChartOptions(dpi=72, size="wide"))
    gids = {a.get_gid() for a in fig.findobj(lambda a: bool(a.get_gid()))}
    for e in events:
        assert f"ev:{e.id}:mark" in gids
        assert f"ev:{e.id}:label" in gids
        assert f"ev:{e.id}:date" in gids


def test_the_axis_says_the_year_when_a_detail_panel_is_drawn() -> None:
    """With a detail panel, the main axis still starts with its year under the first month."""
    t = _load(_CHART)
    v = t.view(t.view_names()[0])
    fig = ch.chart(t, v, timeline.select(t, v), options=ch.ChartOptions(dpi=72, size="wide"))
    assert "panel1" in cc.labelled(fig)
    ticks = [x.get_text() for x in cc.texts(fig) if (x.get_gid() or "").startswith("main.tick")]
    assert "2023" in ticks
    assert ticks.index("2023") <= 1


def test_a_milestone_is_the_strongest_mark_at_a_fine_zoom() -> None:
    """On a three-day axis a day-dated milestone is a bar over its day (its extent), with a
    stronger fill and a heavier outline than an ordinary event of the same day."""
    t = _load(
        b"title: T\nevents:\n"
        b"  - {id: big, date: 2023-04-15, title: Fighting erupts, importance: 3}\n"
        b"  - {id: small, date: 2023-04-15, title: Shops close}\n"
        b"  - {id: x, date: 2023-04-14T06:00, title: Before}\n"
        b"  - {id: y, date: 2023-04-16T18:00, title: After}\n"
    )
    v = t.view(t.view_names()[0])
    fig = ch.chart(t, v, timeline.select(t, v), options=ch.ChartOptions(dpi=72))
    bars = {
        a.get_gid(): a
        for a in fig.findobj(lambda a: isinstance(a, PolyCollection))
        if a.get_gid() in ("ev:big:mark", "ev:small:mark")
    }
    big, small = bars["ev:big:mark"], bars["ev:small:mark"]
    assert sum(big.get_facecolor()[0][:3]) < sum(small.get_facecolor()[0][:3])  # darker
    assert big.get_linewidth()[0] > small.get_linewidth()[0]
    points = [
        a
        for a in fig.findobj(lambda a: isinstance(a, PathCollection))
        if a.get_gid() == "ev:big:mark"
    ]
    assert not points  # a span, not a point: its precision sets its extent
