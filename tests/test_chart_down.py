"""The down chart: order, labels, leaders, breaks, parts, sizes, type, ids and properties."""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import matplotlib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Bbox
from typer.testing import CliRunner

import timeline
from timeline import Timeline, View
from timeline.cli import app
from timeline.i18n.locale import locale_data
from timeline.model import Event
from timeline.render import RenderOptions, render_view
from timeline.render.chart import part_events, part_until
from timeline.render.chart._compose import _SAVE_RC, figure_bytes
from timeline.render.chart._down import DownOptions, down_chart
from timeline.render.chart._down_layout import (
    LABEL_CAP,
    DownMark,
    Room,
    assign_tracks,
    milestone_shadow,
)
from timeline.render.chart._text import HINTING, MissingGlyphError
from timeline.render.chart.sizes import SIZES, Size

from .conftest import SAMPLE


def _load(text: str) -> Timeline:
    report = timeline.check_bytes(text.encode("utf-8"), "down.yaml")
    assert report.timeline is not None
    assert not report.errors, [str(d) for d in report.errors]
    return report.timeline


def _down(
    t: Timeline, view: str | None = None, size: str = "column", **options: Any
) -> tuple[View, list[Event], list[Figure]]:
    v = t.view(view or t.view_names()[0])
    events = timeline.select(t, v)
    down = DownOptions(size=SIZES[size], dpi=options.pop("dpi", 72), **options)
    return v, events, down_chart(t, v, events, options=down)


def _texts(fig: Figure) -> list[Text]:
    return [t for t in fig.axes[0].texts if t.get_text() and t.get_visible()]


def _gid(artist: Any) -> str:
    return str(artist.get_gid() or "")


def _by_gid(fig: Figure) -> dict[str, Any]:
    return {_gid(a): a for a in fig.axes[0].get_children() if _gid(a)}


def _box(fig: Figure, text: Text) -> Bbox:
    """A text's box in the figure's points (y up from the bottom edge)."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    return text.get_window_extent(renderer).transformed(Affine2D().scale(72.0 / fig.dpi))


def _data_to_points(fig: Figure, xy: tuple[float, float]) -> tuple[float, float]:
    """A point of the chart's axes (points from the top-left, y down negative) in figure
    points from the bottom-left."""
    height = fig.get_size_inches()[1] * 72.0
    return xy[0], height + xy[1]


def _mark_box(fig: Figure, artist: Any) -> Bbox:
    """The box of an event's marker or bar, in figure points."""
    if isinstance(artist, PathCollection):
        x, y = artist.get_offsets()[0]
        r = math.sqrt(artist.get_sizes()[0]) / 2
        px, py = _data_to_points(fig, (float(x), float(y)))
        return Bbox([[px - r, py - r], [px + r, py + r]])
    assert isinstance(artist, PolyCollection)
    verts = artist.get_paths()[0].vertices
    pts = [_data_to_points(fig, (float(a), float(b))) for a, b in verts]
    return Bbox([[min(p[0] for p in pts), min(p[1] for p in pts)],
                 [max(p[0] for p in pts), max(p[1] for p in pts)]])  # fmt: skip


def _font_sizes(fig: Figure) -> list[tuple[str, float]]:
    """Each text of the SVG with its size: in the SVG, sizes are in points at the final size."""
    svg = figure_bytes(fig, "svg", dpi=72).decode("utf-8")
    found = []
    for gid, body in re.findall(r'<g id="([^"]*)">\s*<text style="([^"]*)"', svg):
        size = re.search(r"font-size: ([0-9.]+)px", body)
        assert size is not None
        found.append((gid, float(size.group(1))))
    return found


def _problems(
    t: Timeline, v: View, events: list[Event], figs: list[Figure], size: Size
) -> list[str]:
    """Everything the down chart promises, checked on its figures."""
    found: list[str] = []
    wanted = [e for e in events if e.importance >= v.min_importance]
    labelled = wanted if len(wanted) <= LABEL_CAP else []
    where: dict[str, tuple[int, float]] = {}
    rtl = locale_data(t.locale).rtl
    with matplotlib.rc_context(cast(Any, _SAVE_RC)):  # text is set as the files set it
        for k, fig in enumerate(figs):
            found += _part_problems(k, fig, figs, labelled, where, size, rtl)
    missing = [e.id for e in labelled if e.id not in where]
    if missing:
        found.append(f"not labelled: {missing}")
    order = [where[e.id] for e in labelled if e.id in where]
    for (p1, y1), (p2, y2) in itertools.pairwise(order):
        if p2 < p1 or (p1 == p2 and y2 > y1 + 0.01):
            found.append("labels are not in date order from top to bottom")
            break
    return found


def _part_problems(
    k: int,
    fig: Figure,
    figs: list[Figure],
    labelled: list[Event],
    where: dict[str, tuple[int, float]],
    size: Size,
    rtl: bool,
) -> list[str]:
    """What is wrong with one part (and where each of its labels stands, in ``where``)."""
    found: list[str] = []
    fig.canvas.draw()  # type: ignore[attr-defined]
    height_cm = fig.get_size_inches()[1] * 2.54
    if size.max_height_cm is not None and height_cm > size.max_height_cm + 1e-6:
        found.append(f"part {k + 1} is {height_cm:.2f} cm tall")
    if len(figs) > 1 and f"{k + 1}" not in _by_gid(fig)["title"].get_text():
        found.append(f"part {k + 1} does not say which part it is")
    width, height = fig.get_size_inches() * 72.0
    boxes = [(x, _box(fig, x)) for x in _texts(fig)]
    for x, b in boxes:
        if b.x0 < -0.5 or b.y0 < -0.5 or b.x1 > width + 0.5 or b.y1 > height + 0.5:
            found.append(f"outside part {k + 1}: {x.get_text()!r}")
    for (x1, b1), (x2, b2) in itertools.combinations(boxes, 2):
        if b1.overlaps(b2):
            found.append(f"overlap in part {k + 1}: {x1.get_text()!r} and {x2.get_text()!r}")
    gids = _by_gid(fig)
    marks = {g: _mark_box(fig, a) for g, a in gids.items() if g.endswith(":mark")}
    z = {g: gids[g].get_zorder() for g in marks}
    for (g1, m1), (g2, m2) in itertools.permutations(marks.items(), 2):
        # Hidden: wholly inside a mark drawn over it (or at the same level).
        inside = m1.x0 >= m2.x0 and m1.x1 <= m2.x1 and m1.y0 >= m2.y0 and m1.y1 <= m2.y1
        if inside and z[g2] >= z[g1]:
            found.append(f"one mark hides another in part {k + 1}: {g1} under {g2}")
    for x, b in boxes:
        if _gid(x).startswith("ev:"):
            for g, m in marks.items():
                if b.overlaps(m) and m.width > 0.5:
                    found.append(f"label over a mark in part {k + 1}: {x.get_text()!r} {g}")
    for e in labelled:
        date, title = gids.get(f"ev:{e.id}:date"), gids.get(f"ev:{e.id}:label")
        if title is None:
            continue
        if e.id in where:
            found.append(f"{e.id} labelled twice")
        where[e.id] = (k, _box(fig, date).y1)
        if f"ev:{e.id}:mark" not in marks:
            found.append(f"{e.id} has no mark beside its label in part {k + 1}")
            continue
        leader = gids.get(f"ev:{e.id}:leader")
        if not isinstance(leader, Line2D):
            found.append(f"{e.id} has no leader line")
            continue
        xs, ys = leader.get_data()
        start = _data_to_points(fig, (float(xs[0]), float(ys[0])))
        end = _data_to_points(fig, (float(xs[-1]), float(ys[-1])))
        mark = marks[f"ev:{e.id}:mark"]
        if not (
            mark.x0 - 1.5 <= start[0] <= mark.x1 + 1.5
            and mark.y0 - 1.5 <= start[1] <= mark.y1 + 1.5
        ):
            found.append(f"{e.id}: the leader does not reach its mark")
        db = _box(fig, date)
        edge = db.x1 if rtl else db.x0
        if abs(end[0] - edge) > 4.0 or not db.y0 - 1.0 <= end[1] <= db.y1 + 1.0:
            found.append(f"{e.id}: the leader does not reach its label")
    for gid_size in _font_sizes(fig):
        gid, pt = gid_size
        least = size.label_pt if gid.endswith(":label") else size.small_pt
        if pt < least - 1e-6:
            found.append(f"{gid} is set at {pt} pt")
    return found


SAMPLE_T = timeline.load(SAMPLE)


@pytest.mark.parametrize("view", ["overview", "offensive"])
def test_sample_keeps_every_promise_at_column_size(view: str) -> None:
    """The sample's views, down a column: labels in date order, each with its mark and a
    leader reaching both, nothing overlapping or cut off, parts within 20 cm, type at or
    above the minimum."""
    v, events, figs = _down(SAMPLE_T, view)
    assert _problems(SAMPLE_T, v, events, figs, SIZES["column"]) == []


def test_sample_overview_breaks_its_axis_and_says_so() -> None:
    """Thirteen years and three crowded days read on one axis: the axis is broken, and the
    footer says so."""
    _, _, figs = _down(SAMPLE_T, "overview")
    breaks = [f for f in figs if "breaks.lines" in _by_gid(f)]
    assert breaks
    footer = " ".join(_by_gid(figs[0])["footer"].get_text().split())
    assert (
        "A zigzag on the time axis marks time left out; each stretch has its own scale." in footer
    )


def test_parts_are_split_in_order_and_wide_never_splits() -> None:
    """At the column size the sample splits into parts titled "1 of N"; at the wide size
    (no maximum height) it is one chart."""
    _, _, figs = _down(SAMPLE_T, "overview")
    assert len(figs) >= 2
    titles = [_by_gid(f)["title"].get_text() for f in figs]
    assert titles == [
        f"The Syrian war, 2011–2024 ({k} of {len(figs)})" for k in range(1, len(figs) + 1)
    ]
    _, _, wide = _down(SAMPLE_T, "overview", size="wide")
    assert len(wide) == 1
    assert "of" not in _by_gid(wide[0])["title"].get_text()


def test_every_part_is_the_size_asked_for() -> None:
    """Each part is exactly as wide as its size, and SVG and PNG say so."""
    for name in ("column", "slide"):
        _, _, figs = _down(SAMPLE_T, "offensive", size=name)
        for fig in figs:
            assert fig.get_size_inches()[0] * 2.54 == pytest.approx(SIZES[name].width_cm)
            svg = figure_bytes(fig, "svg", dpi=72).decode("utf-8")
            assert f'width="{SIZES[name].width_cm / 2.54 * 72:.6f}pt"' in svg


def test_bytes_are_deterministic() -> None:
    """Two renders of the same view give identical PNG and SVG bytes."""
    _, _, one = _down(SAMPLE_T, "offensive")
    _, _, two = _down(SAMPLE_T, "offensive")
    for a, b in zip(one, two, strict=True):
        assert figure_bytes(a, "png", dpi=72) == figure_bytes(b, "png", dpi=72)
        assert figure_bytes(a, "svg", dpi=72) == figure_bytes(b, "svg", dpi=72)


def test_ids_are_unique_and_name_each_event() -> None:
    """Every id in a part's SVG is unique, and each labelled event's label, date line and
    mark carry its id for the HTML page."""
    _, events, figs = _down(SAMPLE_T, "offensive")
    seen: set[str] = set()
    for fig in figs:
        svg = figure_bytes(fig, "svg", dpi=72).decode("utf-8")
        ids = re.findall(r' id="([^"]+)"', svg)
        assert len(ids) == len(set(ids))
        seen.update(i for i in ids if i.startswith("ev:"))
    for e in events:
        assert {f"ev:{e.id}:label", f"ev:{e.id}:date", f"ev:{e.id}:mark"} <= seen


def test_text_stays_text_in_svg() -> None:
    """Texts are <text> elements in the SVG (searchable, selectable), never glyph outlines."""
    _, _events, figs = _down(SAMPLE_T, "offensive")
    svg = "".join(figure_bytes(f, "svg", dpi=72).decode("utf-8") for f in figs)
    assert ">Insurgents breach Aleppo</text>" in svg
    assert "DejaVuSans-" not in svg


BURST = (
    """title: A burst inside decades
as_of: 2020-12-31
groups:
  a: {label: Alpha}
  b: {label: Beta}
events:
  - {date: 1990-05-01, title: Long before, group: a}
"""
    + "".join(
        f"  - {{date: 2001-02-03, title: Burst number {k}, group: {'ab'[k % 2]}}}\n"
        for k in range(12)
    )
    + """  - {date: 2010-06-01, title: A pair one day apart, group: b}
  - {date: 2010-06-02, title: The second of the pair, group: b}
  - {date: 2020-12-30, title: Near the end, group: a}
"""
)


def test_a_burst_inside_decades_is_labelled_level_with_its_marks() -> None:
    """Twelve events of one day, in a chronology of thirty years: every one labelled, each
    day-long mark in a track of its own, and most labels joined to their mark straight
    across."""
    t = _load(BURST)
    v, events, figs = _down(t, size="wide")
    assert _problems(t, v, events, figs, SIZES["wide"]) == []
    fig = figs[0]
    gids = _by_gid(fig)
    level = 0
    for k in range(12):
        e = next(e for e in events if e.title == f"Burst number {k}")
        ys = gids[f"ev:{e.id}:leader"].get_data()[1]
        level += ys[0] == pytest.approx(ys[-1])
    assert level >= 10


def test_a_crowd_taller_than_a_part_is_split_between_its_labels() -> None:
    """Twenty events of one day with long titles cannot stand in one part: they are split
    between parts, each within the size's height, every label beside its own day's mark."""
    title = "a title long enough to wrap over several lines of the label column " * 2
    lines = ["title: One long day", "events:"]
    lines += ["  - {date: 1969-01-20/.., title: Unlabelled before, importance: 1}"]
    lines += [f"  - {{date: 1969-04-21, title: {k} {title}}}" for k in range(20)]
    t = _load("\n".join(lines) + "\nviews:\n  v: {min_importance: 2}\n")
    v, events, figs = _down(t)
    assert len(figs) >= 2
    assert _problems(t, v, events, figs, SIZES["column"]) == []


def test_right_to_left_mirrors_the_chart() -> None:
    """In Arabic, the labels stand left of the lanes, the axis on the right."""
    t = _load(
        "title: الحرب\nlocale: ar\ngroups:\n  a: {label: الحكومة}\nevents:\n"
        "  - {date: 2011-03-15, title: بدء الاحتجاجات, group: a}\n"
        "  - {date: 2016-12-22, title: الحكومة تستعيد حلب, group: a}\n"
    )
    v, events, figs = _down(t)
    assert _problems(t, v, events, figs, SIZES["column"]) == []
    fig = figs[0]
    gids = _by_gid(fig)
    label = _box(fig, gids[f"ev:{events[0].id}:label"])
    mark = _mark_box(fig, gids[f"ev:{events[0].id}:mark"])
    assert label.x1 < mark.x0
    ticks = [_box(fig, x) for x in _texts(fig) if _gid(x).startswith("tick")]
    assert ticks
    assert min(b.x0 for b in ticks) > mark.x1


def test_an_arabic_era_title_is_not_set_in_italics_the_font_lacks() -> None:
    """The italic faces lack Arabic, so an Arabic era title is set upright (no missing
    glyph); a Latin one stays italic."""
    text = (
        "title: T\nlocale: ar\neras:\n  - {title: الهجوم على حلب, date: 2024-11-27, end: ..}\n"
        "  - {title: Offensive, date: 2024-11-28, end: ..}\nevents:\n"
        "  - {date: 2024-11-27, title: a}\n  - {date: 2024-11-29, title: b}\n"
    )
    t = _load(text)
    _, _, figs = _down(t)
    eras = [x for x in _texts(figs[0]) if _gid(x).startswith("era")]
    styles = {x.get_text(): x.get_fontstyle() for x in eras}
    assert styles == {"الهجوم على حلب": "normal", "Offensive": "italic"}


def test_a_character_no_font_has_is_a_located_error() -> None:
    """A title no installed font can draw stops the chart with a diagnostic at its line."""
    t = _load("title: T\nevents:\n  - {date: 2024-11-29, title: \U000f0000 a private glyph}\n")
    with pytest.raises(MissingGlyphError) as caught:
        _down(t)
    assert str(caught.value.diagnostics[0]) == (
        "down.yaml:3:31: error: no installed font can draw '\\U000f0000' (U+F0000 ?) in this "
        "title (hint: install a font that covers these characters (for example Debian's "
        "fonts-noto-core or fonts-noto-cjk) and render again)"
    )


def test_a_huge_view_labels_the_most_important_and_counts_the_rest() -> None:
    """Beyond 150 events to label, the most important are labelled and the footer counts
    the others."""
    lines = ["title: Many", "as_of: 2001-01-01", "events:"]
    for k in range(170):
        importance = 3 if k % 10 == 0 else 2
        lines.append(
            f"  - {{date: 2000-{1 + k % 12:02d}-{1 + k % 28:02d}, title: Event {k}, "
            f"importance: {importance}}}"
        )
    t = _load("\n".join(lines) + "\n")
    _v, events, figs = _down(t, size="wide")
    drawn = {_gid(x)[3:-6] for f in figs for x in _texts(f) if _gid(x).endswith(":label")}
    assert len(drawn) == LABEL_CAP
    assert {e.id for e in events if e.importance == 3} <= drawn
    footer = _by_gid(figs[-1])["footer"].get_text()
    assert "20 events are not labelled for lack of room" in " ".join(footer.split())


def test_the_view_limits_the_axis() -> None:
    """A view from 20 to 29 November starts its axis there, even with periods running since
    2014 (their bars come in from the top)."""
    _, _, figs = _down(SAMPLE_T, "offensive")
    ticks = [x.get_text() for x in _texts(figs[0]) if _gid(x).startswith("tick")]
    assert not any("2014" in tick or "2015" in tick for tick in ticks)


# -- properties over generated chronologies ------------------------------------------------

WORDS = {
    "en": [
        "talks",
        "collapse",
        "after",
        "strikes",
        "on",
        "the",
        "northern",
        "front",
        "ceasefire",
        "agreed",
        "protest",
        "grows",
        "in",
        "capital",
        "army",
        "retakes",
        "city",
        "convoy",
        "attacked",
    ],
    "ar": [
        "المعارضة",
        "تدخل",
        "حلب",
        "هجوم",
        "على",
        "قاعدة",
        "جوية",
        "وقف",
        "إطلاق",
        "النار",
        "احتجاجات",
        "في",
        "العاصمة",
    ],
}


@st.composite
def chronologies(draw: st.DrawFn, most_lanes: int = 3) -> str:
    """A chronology of up to 30 events: bursts of one day inside decades, pairs a day
    apart, dense days with times, fuzzy dates, periods (some ongoing), long titles, up to
    ``most_lanes`` lanes, in either direction."""
    locale = draw(st.sampled_from(["en", "ar"]))
    words = WORDS[locale]
    lanes = draw(st.integers(0, most_lanes))
    first = draw(st.integers(1950, 2015))
    years = draw(st.integers(0, 40))
    out = [
        f"title: {json.dumps(' '.join(words[:3]))}",
        f"locale: {locale}",
        "timezone: Asia/Damascus",
    ]
    if lanes:
        out.append("groups:")
        out += [
            f"  g{k}: {{label: {json.dumps(words[k % 8] + ' ' + words[k % 8 + 4] + str(k))}}}"
            for k in range(lanes)
        ]
    out.append("events:")
    count = 0

    def event(date: str) -> None:
        nonlocal count
        n = draw(st.sampled_from([1, 2, 3, 5, 9, 30]))
        title = " ".join(words[(count + k) % len(words)] for k in range(n))
        fields = [f"date: {json.dumps(date)}", f"title: {json.dumps(title)}"]
        if lanes and draw(st.booleans()):
            fields.append(f"group: g{draw(st.integers(0, lanes - 1))}")
        fields.append(
            f"certainty: {draw(st.sampled_from(['reported', 'confirmed', 'claimed', 'disputed']))}"
        )
        fields.append(f"importance: {draw(st.integers(1, 3))}")
        out.append("  - {" + ", ".join(fields) + "}")
        count += 1

    for piece in draw(
        st.lists(
            st.sampled_from(["one", "burst", "pair", "day", "fuzzy", "period"]),
            min_size=1,
            max_size=6,
        )
    ):
        y = draw(st.integers(first, first + years))
        m, d = draw(st.integers(1, 12)), draw(st.integers(1, 27))
        day = f"{y}-{m:02d}-{d:02d}"
        if piece == "one":
            event(day)
        elif piece == "burst":
            for _ in range(draw(st.integers(2, 12))):
                event(day)
        elif piece == "pair":
            event(day)
            event(f"{y}-{m:02d}-{d + 1:02d}")
        elif piece == "day":
            for _ in range(draw(st.integers(2, 6))):
                event(f"{day}T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}+03:00")
        elif piece == "fuzzy":
            event(
                draw(st.sampled_from([f"{y}", f"{y}-{m:02d}", f"{y}~", f"{y}-{m:02d}?", f"{day}%"]))
            )
        else:
            end = draw(
                st.sampled_from(["..", "", f"{y + draw(st.integers(0, 5))}-12-31", f"{day}"])
            )
            event(f"{day}/{end}" if end != f"{day}" else f"{y}-{m:02d}/{day}")
        if count >= 30:
            break
    out.append("views:")
    out.append(f"  v: {{min_importance: {draw(st.integers(1, 3))}}}")
    return "\n".join(out) + "\n"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=chronologies(), size=st.sampled_from(sorted(SIZES)))
def test_down_chart_keeps_its_promises_on_any_chronology(text: str, size: str) -> None:
    """For any chronology, at any size, in either direction: every event at or above the
    threshold is labelled once, in date order from top to bottom; every leader runs from
    its mark to its label; no text overlaps another or leaves its part; no mark hides
    another; parts are in order and within the size's height; no type is smaller than the
    size's minimum."""
    t = _load(text)
    v, events, figs = _down(t, size=size)
    assert _problems(t, v, events, figs, SIZES[size]) == []


#: Day-long and timed events of one day an hour apart: a stack of labels on a one-minute
#: mark once made its hour's stretch 2,400 points tall, a part of 90 cm.
_MINUTES_IN_A_DAY = """title: "talks collapse after"
locale: en
timezone: Asia/Damascus
events:
  - {date: "1950-01-01T00:00+03:00", title: "talks", certainty: reported, importance: 1}
  - {date: "1950-01-01T01:00+03:00", title: "collapse", certainty: reported, importance: 1}
  - {date: "1950-01-01", title: "after", certainty: reported, importance: 1}
  - {date: "1950-01-01", title: "strikes", certainty: reported, importance: 1}
  - {date: "1950-01-01T00:00+03:00", title: "on", certainty: reported, importance: 1}
  - {date: "1950-01-01T00:00+03:00", title: "the", certainty: reported, importance: 1}
views:
  v: {min_importance: 1}
"""


#: A period squeezed to a sliver on a compressed axis, on the track next to a milestone of
#: the same time: at a phone's width the milestone's marker is wider than a track.
_UNDER_A_MILESTONE = """\
title: "talks collapse after"
locale: en
timezone: Asia/Damascus
groups:
  g0: {label: "talks on0"}
events:
  - {date: "2032-02-01T00:00+03:00", title: "talks", certainty: reported, importance: 1}
  - {date: "2032-02-01T00:00+03:00", title: "collapse", certainty: reported, importance: 3}
  - {date: "2012-01-01", title: "after", certainty: reported, importance: 1}
  - {date: "2012-01-01", title: "strikes", certainty: reported, importance: 1}
  - {date: "2012-01-02", title: "on", certainty: reported, importance: 1}
  - {date: "2012-01-01T00:00+03:00", title: "the", certainty: reported, importance: 1}
  - {date: "2012-01-01T00:00+03:00", title: "northern", certainty: reported, importance: 1}
  - {date: "2012-01-01T00:00+03:00", title: "front", certainty: reported, importance: 1}
  - {date: "2012-01-01T00:01+03:00", title: "ceasefire", certainty: reported, importance: 1}
  - {date: "2030-01-01/..", title: "agreed", certainty: reported, importance: 1}
views:
  v: {min_importance: 2}
"""


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=chronologies(most_lanes=12), width=st.sampled_from([6.0, 7.0, 9.0]))
@example(text=_MINUTES_IN_A_DAY, width=6.0)
@example(text=_MINUTES_IN_A_DAY, width=14.5)
@example(text=_UNDER_A_MILESTONE, width=6.0)
def test_a_narrow_down_chart_keeps_its_promises_on_any_chronology(text: str, width: float) -> None:
    """At a phone's or a narrow column's width, with up to twelve lanes, in either
    direction: the chart is the width asked for, every part within the column size's
    maximum height, and keeps every promise of the down chart (every event labelled once
    in date order, leaders reaching mark and label, no text overlapping or clipped, type at
    or above the minimum)."""
    t = _load(text)
    size = SIZES["column"].with_width_cm(width)
    v = t.view(t.view_names()[0])
    events = timeline.select(t, v)
    figs = down_chart(t, v, events, options=DownOptions(size=size, dpi=72))
    assert {round(f.get_size_inches()[0] * 2.54, 6) for f in figs} == {width}
    assert _problems(t, v, events, figs, size) == []


def _lane_shapes(fig: Figure) -> list[bytes]:
    """The outline of each lane's glyph in the key, in lane order."""
    glyphs = [a for a in fig.axes[0].get_children() if _gid(a).startswith("key.lane.")]
    return [cast(PathCollection, g).get_paths()[0].vertices.round(3).tobytes() for g in glyphs]


def test_narrow_lanes_share_a_column_and_are_told_apart_by_shape() -> None:
    """At 6 cm the sample's eight lanes share one column of marks, each lane with a shape
    of its own in the marks and the key (colour is never the only signal); at the column's
    width each lane keeps its own column, as before."""
    v = SAMPLE_T.view("overview")
    events = timeline.select(SAMPLE_T, v)
    size = SIZES["column"].with_width_cm(6.0)
    (fig,) = down_chart(
        SAMPLE_T, v, events, options=DownOptions(size=replace(size, max_height_cm=None), dpi=72)
    )
    shapes = _lane_shapes(fig)
    assert len(shapes) == len(SAMPLE_T.groups) + 1  # the groups and "Other"
    assert len(set(shapes)) == len(shapes)
    assert not any(_gid(a).startswith("lanes.head") for a in fig.axes[0].get_children())
    xs = {
        round(float(cast(PathCollection, a).get_offsets()[0][0]), 1)
        for a in fig.axes[0].get_children()
        if _gid(a).endswith(":mark") and isinstance(a, PathCollection)
    }
    wide = down_chart(SAMPLE_T, v, events, options=DownOptions(size=SIZES["column"], dpi=72))[0]
    heads = [a for a in wide.axes[0].get_children() if _gid(a).startswith("lanes.head")]
    assert len(heads) == len(SAMPLE_T.groups) + 1
    assert len(set(_lane_shapes(wide))) == 1  # squares: each lane has its column instead
    # In one shared column, markers of all lanes stand in a few tracks side by side.
    assert max(xs) - min(xs) < 40.0


def test_a_narrow_axis_breaks_its_dates_over_two_lines() -> None:
    """A narrow chart writes its axis' dates over two lines ("Oct" over "2015") so the axis
    takes little width; the chart at the column's width keeps them on one."""
    v = SAMPLE_T.view("overview")
    events = timeline.select(SAMPLE_T, v)
    size = replace(SIZES["column"].with_width_cm(6.0), max_height_cm=None)
    (fig,) = down_chart(SAMPLE_T, v, events, options=DownOptions(size=size, dpi=72))
    ticks = [x.get_text() for x in _texts(fig) if _gid(x).startswith("tick")]
    assert "2015" in ticks
    assert not [t for t in ticks if re.search(r"\S \d{4}$", t)]
    wide = down_chart(SAMPLE_T, v, events, options=DownOptions(size=SIZES["column"], dpi=72))
    ticks = [x.get_text() for f in wide for x in _texts(f) if _gid(x).startswith("tick")]
    assert [t for t in ticks if re.search(r"\S \d{4}$", t)]


# -- the command line, the view's key and the round trips ------------------------------------

runner = CliRunner()

SMALL = """title: Small
as_of: 2024-11-29
events:
  - {date: 2011-03-15, title: Protests begin}
  - {date: 2016-12-22, title: Aleppo retaken}
  - {date: 2024-11-29, title: Aleppo breached}
views:
  v: {layout: down}
  w: {}
"""


def _leaders(svg: bytes) -> int:
    """How many leader lines an SVG has: only the down chart draws them."""
    return svg.count(b':leader"')


def test_a_view_asking_for_down_is_drawn_down_and_the_command_line_wins(tmp_path: Path) -> None:
    """``layout: down`` in a view draws it down; ``--layout across`` overrides the view, and
    ``--layout down`` draws any view down."""
    src = tmp_path / "t.yaml"
    src.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(src), "-o", str(out), "--format", "svg", "-q"])
    assert result.exit_code == 0, result.output
    assert _leaders((out / "v.svg").read_bytes()) == 3
    result = runner.invoke(
        app, ["render", str(src), "-o", str(out), "--format", "svg", "--layout", "across", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert _leaders((out / "v.svg").read_bytes()) == 0
    result = runner.invoke(
        app, ["render", str(src), "-o", str(out), "--format", "svg", "--layout", "down", "-q"]
    )
    assert _leaders((out / "w.svg").read_bytes()) == 3


def test_an_unknown_layout_is_a_usage_error(tmp_path: Path) -> None:
    """``--layout sideways`` exits 2 naming the layouts, and writes nothing."""
    src = tmp_path / "t.yaml"
    src.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(src), "-o", str(out), "--layout", "sideways"])
    assert result.exit_code == 2
    assert result.stderr == (
        "timeline: error: unknown layout 'sideways' (hint: choose from across, down, auto)\n"
    )
    assert not out.exists()


def test_parts_are_written_one_file_each_and_auto_says_it_drew_down(tmp_path: Path) -> None:
    """A view far too crowded to label across a column is drawn down by ``auto``, which the
    command says; its parts are written V.png, V-2.png, ... and nothing else."""
    lines = ["title: Crowded", "as_of: 2021-01-01", "events:"]
    for k in range(120):
        lines.append(
            f"  - {{date: 2020-{1 + k % 12:02d}-{1 + k % 28:02d}, "
            f"title: Event number {k} with a title long enough to need its room}}"
        )
    src = tmp_path / "t.yaml"
    src.write_text("\n".join(lines) + "\nviews:\n  v: {}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(src), "-o", str(out), "--format", "png"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "v: drawn down the page: across, not every label fits at 8 pt within 20 cm "
        "(column size); --layout across keeps it across"
    )
    names = sorted(p.name for p in out.glob("*.png"))
    assert len(names) >= 3
    assert names == sorted(["v.png", *(f"v-{k}.png" for k in range(2, len(names) + 1))])


def test_layout_survives_the_json_and_spreadsheet_round_trips() -> None:
    """A view's layout is exported to JSON and xlsx and read back."""
    from timeline.formats import export_bytes, import_bytes

    t = _load(SMALL)
    assert (t.view("v").layout, t.view("w").layout) == ("down", "auto")
    data = json.loads(export_bytes(t, "json"))
    assert [v["layout"] for v in data["views"]] == ["down", "auto"]
    for fmt in ("json", "xlsx"):
        back = import_bytes(export_bytes(t, fmt), f"t.{fmt}", fmt).timeline
        assert (back.view("v").layout, back.view("w").layout) == ("down", "auto"), fmt


def _part_alts(t: Timeline, view: str) -> list[str]:
    """The alt text of each part of ``view``'s down chart, as the Markdown gives them."""
    out = render_view(t, t.view(view), RenderOptions(formats=("png", "md"), dpi=72, layout="down"))
    md = out[f"{view}.md"].decode("utf-8")
    return [alt for alt, _ in re.findall(r"\[!\[([^\]]*)\]\(([^)]*)\)\]", md)]


def test_each_down_part_has_its_own_alt_text() -> None:
    """Each part of the sample overview drawn down is described by its own dates, events
    and lanes: the parts' events are the view's, each counted once and in order."""
    _, events, figs = _down(SAMPLE_T, "overview")
    assert len(figs) == 3
    shown = [part_events(f) or [] for f in figs]
    assert [e.id for part in shown for e in part] == [e.id for e in events]
    assert [part_until(f) is None for f in figs] == [False, False, True]
    alts = _part_alts(SAMPLE_T, "overview")
    assert [re.sub(r"\. Milestones.*", "", a) for a in alts] == [
        "Part 1 of 3. Timeline chart “The Syrian war, 2011–2024” from 15 March 2011 to "
        "22 December 2016: 8 events in 6 lanes (Syrian government, Russia, Iran and allies, "
        "Opposition, Turkey, United States)",
        "Part 2 of 3. Timeline chart “The Syrian war, 2011–2024” from 2019? to 27 November "
        "2024: 6 events in 3 lanes (Syrian government, Israel, Other)",
        "Part 3 of 3. Timeline chart “The Syrian war, 2011–2024” from 27 November 2024 to "
        "29 November 2024: 17 events in 3 lanes (Syrian government, Opposition, Other)",
    ]
    assert sum(len(p) for p in shown) == len(events) == 31


def test_a_period_running_into_the_next_part_counts_where_it_starts_only() -> None:
    """A period that starts in the first part and runs on into the second is counted in
    the first part's alt text only, which claims no date beyond what the part shows."""
    lines = ["title: Long", "timezone: UTC", "as_of: 2030-01-01", "events:"]
    lines.append('  - {id: long, date: "2000-01-01/2020-06-30", title: "A long siege"}')
    lines.append('  - {id: still, date: "2000-02-01/..", title: "A war still going on"}')
    lines += [
        f'  - {{date: "2000-{m:02d}-{d:02d}", title: "Talks collapse after strikes on the '
        f'northern front {m} {d}"}}'
        for m in range(3, 13)
        for d in (3, 17)
    ]
    lines += [f'  - {{date: "2020-06-{d:02d}", title: "The city is retaken {d}"}}' for d in (1, 9)]
    t = _load("\n".join([*lines, "views:", "  v: {}"]) + "\n")
    _, events, figs = _down(t, "v")
    assert len(figs) > 1
    shown = [[e.id for e in part_events(f) or []] for f in figs]
    assert sum(("long" in p) for p in shown) == sum(("still" in p) for p in shown) == 1
    assert {"long", "still"} <= set(shown[0])
    assert sorted(i for p in shown for i in p) == sorted(e.id for e in events)
    alts = _part_alts(t, "v")
    assert len(alts) == len(figs)
    assert alts == [
        "Part 1 of 2. Timeline chart “Long” from 1 January 2000 to 3 August 2000: 13 events.",
        "Part 2 of 2. Timeline chart “Long” from 17 August 2000 to 9 June 2020: 11 events.",
    ]


def test_a_down_chart_draws_its_text_unhinted_whatever_the_callers_settings() -> None:
    """A down chart drawn under matplotlib's default (hinted) text settings gives the same
    pixels as under the unhinted settings its text was measured with."""
    import numpy as np

    _, _, figs = _down(SAMPLE_T, "overview", dpi=72)
    fig = figs[0]
    pixels = []
    for hinting in ("force_autohint", HINTING):
        with matplotlib.rc_context({"text.hinting": hinting}):
            fig.canvas.draw()  # type: ignore[attr-defined]
            pixels.append(np.asarray(fig.canvas.buffer_rgba()).copy())  # type: ignore[attr-defined]
    assert np.array_equal(pixels[0], pixels[1])


def test_a_milestone_bar_outweighs_other_bars() -> None:
    """On an axis of hours a day-dated milestone is a bar: a stronger tint and a heavier
    outline than any other bar of its lane, never the palest mark of the chart."""
    t = _load(
        "title: T\nevents:\n"
        "  - {date: 2021-03-14, title: Board meets, importance: 3}\n"
        "  - {date: 2021-03-15, title: Merger announced}\n"
        "  - {date: '2021-03-15T09:00', title: Shares suspended}\n"
        "  - {date: '2021-03-15T16:00', title: Shares resume trading}\n"
    )
    _, _, figures = _down(t, size="wide")
    marks = {k: a for fig in figures for k, a in _by_gid(fig).items() if k.endswith(":mark")}
    milestone, other = (
        marks["ev:2021-03-14-board-meets:mark"],
        marks["ev:2021-03-15-merger-announced:mark"],
    )
    assert isinstance(milestone, PolyCollection)
    assert isinstance(other, PolyCollection)

    def lightness(artist: PolyCollection) -> float:
        r, g, b, _ = artist.get_facecolor()[0]
        return float(r + g + b)

    assert lightness(milestone) < lightness(other)
    assert milestone.get_linewidth()[0] > other.get_linewidth()[0]


def test_a_milestone_keeps_the_marks_of_its_time_out_from_under_it() -> None:
    """Where tracks are narrower than a milestone's marker, bars of its time go on tracks
    its marker does not cover, before or after it in file order; at an ordinary track
    width nothing changes."""
    t = _load(
        "title: T\nevents:\n"
        "  - {id: b1, date: 2024-11-27/2024-11-29, title: One, sources: [s]}\n"
        "  - {id: m, date: 2024-11-27, title: Big, importance: 3, sources: [s]}\n"
        "  - {id: b2, date: 2024-11-27/2024-11-29, title: Two, sources: [s]}\n"
        "sources:\n  s: {title: S}\n"
    )
    room = Room(marker=6.5, milestone=9.0, bar=5.4, arrow=6.0, tail=16.0)
    assert milestone_shadow(room, 7.5) == 0
    assert milestone_shadow(room, 3.0) == 1

    def marks() -> list[DownMark]:
        b1, m, b2 = t.events
        return [
            DownMark(b1, 0, True, 8.0, 200.0, 8.0, 200.0, True),
            DownMark(m, 0, False, 12.0, 12.0, 12.0, 12.0, True),
            DownMark(b2, 0, True, 8.0, 200.0, 8.0, 200.0, True),
        ]

    plain = marks()
    assert assign_tracks(plain, room, 10_000) == 3
    assert sorted(k.track for k in plain) == [0, 1, 2]
    shadowed = marks()
    used = assign_tracks(shadowed, room, 10_000, shadow=1)
    bars = [k.track for k in shadowed if k.bar]
    big = next(k.track for k in shadowed if not k.bar)
    assert len(set(bars)) == 2
    assert all(abs(big - b) > 1 for b in bars)
    assert used == max(*bars, big) + 1


def test_a_narrow_chart_sets_its_title_smaller_never_below_the_labels() -> None:
    """Below the column's width the title and subtitle shrink with the width, the title
    to no less than a quarter above the label size and the subtitle to the label size;
    at the column's width and wider nothing changes."""
    from timeline.render.chart._down import type_sizes

    column = SIZES["column"]
    full = type_sizes(column)
    assert (full.title, full.subtitle) == (17.0, 10.5)
    assert type_sizes(SIZES["page"]).title == 17.0
    titles = [type_sizes(column.with_width_cm(w)).title for w in (5.0, 8.0, 10.0, 12.0, 14.5)]
    assert titles == sorted(titles)
    assert titles[0] == column.label_pt * 1.25
    assert type_sizes(column.with_width_cm(6.0)).subtitle == column.label_pt
    assert type_sizes(column.with_width_cm(12.0)).title == pytest.approx(17.0 * 12 / 14.5)


def test_labels_left_to_the_more_important_when_they_take_every_one() -> None:
    """When the most important events take every label there is room for, the less
    important get none (it once divided by the room left, zero)."""
    from timeline.render.chart._down_layout import choose_labelled

    t = _load(
        "title: T\nevents:\n"
        "  - {date: 2020-01-01, title: Big, importance: 3, sources: [s]}\n"
        + "".join(f"  - {{date: 2020-01-01, title: E{i}, sources: [s]}}\n" for i in range(5))
        + "sources:\n  s: {title: S}\n"
    )
    big = next(e for e in t.events if e.title == "Big")
    assert choose_labelled(t.events, 1, 1) == {id(big)}
    assert len(choose_labelled(t.events, 1, 3)) == 3


def test_a_chart_never_split_keeps_years_at_the_scale_of_its_labels() -> None:
    """Months of a war, each dated to the month (their bars leave no time out), and forty
    reports one minute apart: drawn to the scale of the minutes the years would be 56 m
    tall, and a page's chart (never split) was refused as over the height limit. It is laid
    out with no stretch of time taller than its labels need: the page renders, its chart
    within about what its labels need."""
    months = "".join(
        f"  - {{date: {y}-{m:02d}, title: Month {y}-{m:02d}}}\n"
        for y in range(2018, 2025)
        for m in range(1, 13)
    )
    minutes = "".join(
        f"  - {{date: 2024-11-27T10:{i:02d}, title: Report {i}}}\n" for i in range(40)
    )
    t = _load(f"title: T\nevents:\n{months}{minutes}")
    events = timeline.select(t, t.view("timeline"))
    for size in ("wide", "column"):
        unsplit = replace(SIZES[size], max_height_cm=None)
        [figure] = down_chart(
            t, t.view("timeline"), events, options=DownOptions(size=unsplit, dpi=72)
        )
        height = float(figure.get_size_inches()[1])
        # 124 labels of one or two lines: about 0.4 inch each at most.
        assert height < 124 * 0.5, (size, height)
    pages = render_view(t, t.view("timeline"), RenderOptions(formats=("html",)))
    assert "<svg" in pages["timeline.html"].decode("utf-8")


def test_an_axis_of_ten_thousand_years_in_a_few_points_gets_few_ticks() -> None:
    """A stretch from year 1 to 9999 drawn in 40 points: not even a tick every thousand
    years fits, and the axis once fell back to a tick a minute (billions of them: the render
    of three events never ended). It takes the coarsest unit, whose labels give way."""
    from datetime import UTC, datetime

    from timeline.render.chart._down_axis import Stretch, axis_ticks

    t0 = datetime(1, 1, 1, tzinfo=UTC).timestamp()
    t1 = datetime(9999, 12, 31, tzinfo=UTC).timestamp()
    stretch = Stretch(t0, t1, 0.0, 40.0 / (t1 - t0), 8.0)
    ticks = axis_ticks(stretch, UTC, "en", 10.0)
    assert 1 <= len(ticks) <= 3
    events = "".join(
        f"  - {{date: {d}, title: {t}}}\n"
        for d, t in (("9999", "a"), ("0001-01-01T00:00", "b"), ("2011", "c"))
    )
    t = _load(f"title: T\ntimezone: Etc/GMT-3\nevents:\n{events}")
    pages = render_view(t, t.view("timeline"), RenderOptions(formats=("html",)))
    assert "<svg" in pages["timeline.html"].decode("utf-8")
