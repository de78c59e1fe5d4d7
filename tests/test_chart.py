"""Charts: structure of the Figure, no overlaps, determinism, baselines and properties."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure

import timeline
from timeline import Timeline, View
from timeline.render.chart._text import Measurer

from . import chart_checks as cc
from .conftest import DATA, SAMPLE

ch: Any = importlib.import_module("timeline.render.chart._compose")

CHART_DATA = DATA / "chart"
BASELINES = Path(__file__).resolve().parent / "baseline_images"
#: Set TIMELINE_REGEN_BASELINES=1 to rewrite the baseline images from the current code.
REGEN_BASELINES = os.environ.get("TIMELINE_REGEN_BASELINES") == "1"


def _load(data: bytes | Path) -> Timeline:
    raw = data.read_bytes() if isinstance(data, Path) else data
    report = timeline.check_bytes(raw, "chart.yaml")
    assert report.timeline is not None, [str(d) for d in report.errors]
    assert not report.errors, [str(d) for d in report.errors]
    return report.timeline


def _chart(t: Timeline, view: str | None = None, **options: Any) -> tuple[View, list[Any], Figure]:
    """The whole chart of a view in one figure (never split), default size ``column``."""
    v = t.view(view or t.view_names()[0])
    events = timeline.select(t, v)
    return v, events, ch.chart(t, v, events, options=ch.ChartOptions(**options))


def _is(artist: Any, name: str) -> bool:
    """True if ``artist``'s id is ``name``, or ``name`` numbered (``main.tick.3``): a name
    drawn more than once is numbered so that every SVG id is unique."""
    gid = artist.get_gid() or ""
    return gid == name or (gid.startswith(f"{name}.") and gid[len(name) + 1 :].isdigit())


_texts = cc.texts
_event_glyphs = cc.marks
_labelled_ids = cc.labelled
_problems = cc.problems


def _render_all(fig: Figure) -> None:
    fig.canvas.draw()


# -- structure --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["basic.yaml", "cluster.yaml", "arabic.yaml"])
def test_one_glyph_per_event(name: str) -> None:
    """The main region draws exactly one marker or bar for every event of the view."""
    t = _load(CHART_DATA / name)
    _, events, fig = _chart(t)
    assert _event_glyphs(fig, "main") == len(events)


def test_one_glyph_per_event_in_the_sample() -> None:
    """Every event of each sample view has exactly one glyph on the main axis."""
    t = _load(SAMPLE)
    for name in t.view_names():
        _, events, fig = _chart(t, name)
        assert _event_glyphs(fig, "main") == len(events), name


@pytest.mark.parametrize("name", ["basic.yaml", "cluster.yaml", "arabic.yaml"])
def test_every_event_at_the_threshold_is_labelled(name: str) -> None:
    """Each event at or above the view's min_importance has a title label; others none."""
    t = _load(CHART_DATA / name)
    view, events, fig = _chart(t)
    labelled = set().union(*_labelled_ids(fig).values())
    wanted = {e.id for e in events if e.importance >= view.min_importance}
    assert labelled == wanted


def test_sample_labels_and_no_overlaps() -> None:
    """Both sample views label every event at their threshold, with no overlaps or clipping."""
    t = _load(SAMPLE)
    for name in t.view_names():
        view, events, fig = _chart(t, name)
        _render_all(fig)
        labelled = set().union(*_labelled_ids(fig).values())
        assert labelled == {e.id for e in events if e.importance >= view.min_importance}
        assert _problems(fig) == [], name


@pytest.mark.parametrize("name", ["basic.yaml", "cluster.yaml", "arabic.yaml"])
@pytest.mark.parametrize("theme", ["light", "dark", "print"])
def test_no_overlaps_and_nothing_clipped(name: str, theme: str) -> None:
    """No two texts overlap, none leaves the figure and no label covers a marker or bar."""
    t = _load(CHART_DATA / name)
    _, _, fig = _chart(t, theme=theme)
    _render_all(fig)
    assert _problems(fig) == []


def test_crowd_gets_a_detail_panel() -> None:
    """A burst of events in three days of a 13-year chart is labelled in a detail panel."""
    t = _load(CHART_DATA / "cluster.yaml")
    _, _, fig = _chart(t)
    gids = {x.get_gid() for x in fig.findobj(lambda a: bool(a.get_gid()))}
    assert "panel1.caption" in gids
    assert "detail.connectors" in gids
    labels = _labelled_ids(fig)
    burst = {f"burst-{i}" for i in range(1, 10)}
    assert burst <= labels["panel1"]
    assert not burst & labels["main"]
    caption = next(x for x in _texts(fig) if x.get_gid() == "panel1.caption")
    assert caption.get_text() == "In detail: 27 – 29 Nov 2024"


def test_sample_overview_zooms_into_november_2024() -> None:
    """The sample overview shows the November 2024 offensive in a detail panel."""
    t = _load(SAMPLE)
    _, _, fig = _chart(t, "overview")
    labels = _labelled_ids(fig)
    assert {"insurgents-breach-aleppo", "israel-hezbollah-ceasefire"} <= labels["panel1"]
    assert "protests-begin" in labels["main"]


def test_spread_out_events_get_no_panel() -> None:
    """A chronology without crowds has no detail panel."""
    t = _load(CHART_DATA / "basic.yaml")
    _, _, fig = _chart(t)
    assert not list(fig.findobj(lambda a: (a.get_gid() or "").startswith("panel")))


def test_detail_panels_can_be_turned_off() -> None:
    """With detail off, the crowd stays on the main axis and loses labels it has no room for."""
    t = _load(CHART_DATA / "cluster.yaml")
    _, _, fig = _chart(t, detail=False)
    assert not list(fig.findobj(lambda a: (a.get_gid() or "").startswith("panel")))
    _render_all(fig)
    assert _problems(fig) == []


def test_year_precision_is_drawn_across_its_year() -> None:
    """A date known only to its year is a bar from 1 January to 31 December, not a point."""
    t = _load(
        b"title: T\nevents:\n  - {date: 2019, title: Somewhere in 2019}\n"
        b"views:\n  v: {from: 2018, to: 2021}\n"
    )
    _, _, fig = _chart(t)
    axis = next(c for c in fig.findobj(lambda a: a.get_gid() == "main.axis"))
    (left, _), (right, _) = axis.get_segments()[0]  # type: ignore[attr-defined]
    bars = next(c for c in fig.findobj(lambda a: a.get_gid() == f"ev:{t.events[0].id}:mark"))
    x0, x1 = bars.get_paths()[0].vertices[:, 0].min(), bars.get_paths()[0].vertices[:, 0].max()  # type: ignore[attr-defined]
    quarter = (right - left) / 4  # the axis runs over four years, 2018-2021
    assert x0 == pytest.approx(left + quarter, abs=0.5)
    assert x1 == pytest.approx(left + 2 * quarter, abs=0.5)


def test_ongoing_periods_end_in_an_arrow_and_unknown_ends_in_a_tail() -> None:
    """An ongoing period gets an arrow head and one with an unknown end a dotted tail."""
    t = _load(CHART_DATA / "basic.yaml")
    _, _, fig = _chart(t)
    arrows = next(c for c in fig.findobj(lambda a: a.get_gid() == "main.arrows"))
    tails = next(c for c in fig.findobj(lambda a: a.get_gid() == "main.tails"))
    assert len(arrows.get_offsets()) == 1  # type: ignore[attr-defined]
    assert len(tails.get_segments()) == 1  # type: ignore[attr-defined]


def test_legend_explains_what_the_chart_uses() -> None:
    """The key names the encodings present and leaves out the absent ones."""
    t = _load(CHART_DATA / "basic.yaml")
    _, _, fig = _chart(t)
    legend = {x.get_text() for x in _texts(fig) if _is(x, "legend.text")}
    assert legend == {
        "milestone",
        "claimed",
        "disputed",
        "approximate or uncertain date",
        "imprecise date: the span it could mean",
        "ongoing as of 30 Jun 2023",
        "end unknown",
    }
    t2 = _load(CHART_DATA / "arabic.yaml")
    _, _, fig2 = _chart(t2)
    assert "claimed" not in {x.get_text() for x in _texts(fig2)}


def test_footer_gives_as_of_and_sources() -> None:
    """The footer states the as-of date and the publishers of the cited sources."""
    t = _load(CHART_DATA / "basic.yaml")
    _, _, fig = _chart(t)
    footer = next(x for x in _texts(fig) if x.get_gid() == "footer").get_text()
    assert footer.replace("\n", " ") == (
        "As of 30 June 2023. Sources: Harbour Gazette; City council."
    )


def test_french_footer_and_key_follow_french_typography() -> None:
    """In French the footer's "Sources" takes a narrow no-break space before its colon, and
    the key's "ongoing" entry agrees with the as-of date's precision."""
    t = _load((CHART_DATA / "basic.yaml").read_bytes().replace(b"title:", b"locale: fr\ntitle:", 1))
    _, _, fig = _chart(t)
    footer = next(x for x in _texts(fig) if x.get_gid() == "footer").get_text()
    assert "Sources\u202f: Harbour Gazette\u202f; City council." in footer.replace("\n", " ")
    legend = {x.get_text() for x in _texts(fig) if _is(x, "legend.text")}
    assert "en cours au 30 juin 2023" in legend


def test_alt_text_counts_and_names_the_lanes_the_chart_draws() -> None:
    """The alt text's lanes are the chart's: the sample's groups and its lane of events
    without a group, "Other", in the chart's order."""
    from timeline.render.alt import alt_text

    t = _load(SAMPLE)
    view, events, fig = _chart(t, "overview")
    drawn = [x.get_text().replace("\n", " ") for x in _texts(fig) if _is(x, "main.lane")]
    alt = alt_text(t, view, events)
    assert f"in {len(drawn)} lanes ({', '.join(drawn)})" in alt
    assert drawn[-1] == "Other"


class _CharMeasurer(Measurer):
    """A measurer where every character is one point wide, to test line breaking alone."""

    def __init__(self) -> None:
        pass

    def width(self, line: str, size: float, bold: bool = False, italic: bool = False) -> float:
        return float(len(line))


@pytest.mark.parametrize("balance", [False, True])
def test_wrapped_label_never_leaves_a_word_alone(balance: bool) -> None:
    """A label of three or more lines never ends with one word alone on its line when the
    word before can join it; every line still fits."""
    meas = _CharMeasurer()
    lines = meas.wrap("aaaa bbbb cccc dddd eeee ffff April", 14, 9.0, balance=balance)
    assert lines == ["aaaa bbbb cccc", "dddd eeee", "ffff April"]
    for text in ("Fighting erupts in Khartoum and spreads to Omdurman in late April", "a " * 20):
        for width in range(8, 40):
            got = meas.wrap(text.strip(), width, 9.0, balance=balance)
            assert " ".join(got) == " ".join(text.split())
            assert all(len(line) <= width for line in got)
            if len(got) > 1 and " " not in got[-1]:
                # Only when the line before cannot spare a word.
                before = got[-2].split(" ")
                assert len(before) < 3 or len(f"{before[-1]} {got[-1]}") > width, got


def test_dollar_signs_stay_literal() -> None:
    """A title with dollar signs is drawn as written, not as math."""
    t = _load(
        b"title: Budget $5 to $10\nevents:\n  - {date: 2020-01-02, title: 'Costs $48m, not $5m'}\n"
    )
    _, _, fig = _chart(t)
    texts = {x.get_text() for x in _texts(fig)}
    assert "Budget $5 to $10" in texts
    assert "Costs $48m, not $5m" in texts
    svg = ch.figure_bytes(fig, "svg", dpi=72).decode()
    assert "Costs $48m, not $5m" in svg


def test_arabic_is_kept_in_logical_order() -> None:
    """Arabic titles reach matplotlib (and the SVG) unreshaped, for it to shape itself."""
    t = _load(CHART_DATA / "arabic.yaml")
    _, _, fig = _chart(t)
    svg = ch.figure_bytes(fig, "svg", dpi=72).decode()
    assert "المعارضة تدخل حلب" in svg
    assert "ﺣ" not in svg  # no presentation forms: nothing was reshaped by hand


def test_missing_glyph_is_a_clear_error() -> None:
    """A character no installed font has stops the chart with a message naming it."""
    t = _load("title: T\nevents:\n  - {date: 2020, title: 'Sign \U0010fffd'}\n".encode())
    with pytest.raises(ch.MissingGlyphError, match="U\\+10FFFD"):
        _chart(t)


def test_missing_glyph_falls_back_to_an_installed_font() -> None:
    """A preferred font lacking a character is completed by an installed font that has it."""
    text = importlib.import_module("timeline.render.chart._text")
    families = text.font_families(["Жизнь"], ("cmr10",))
    assert families[0] == "cmr10"
    assert len(families) > 1


def test_svg_keeps_text_as_text_with_fonts_named() -> None:
    """SVG output holds real <text> elements naming their font."""
    t = _load(CHART_DATA / "basic.yaml")
    _, _, fig = _chart(t)
    svg = ch.figure_bytes(fig, "svg", dpi=72).decode()
    assert "<text" in svg
    assert "DejaVu Sans" in svg
    assert ">Public consultation opens</text>" in svg


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_output_is_deterministic(fmt: str) -> None:
    """Two renders of the same input give identical bytes with no version or date inside."""
    t = _load(CHART_DATA / "cluster.yaml")
    one = ch.figure_bytes(_chart(t, dpi=60)[2], fmt, dpi=60)
    two = ch.figure_bytes(_chart(t, dpi=60)[2], fmt, dpi=60)
    assert one == two
    assert matplotlib.__version__.encode() not in one
    if fmt != "png":
        assert b"CreationDate" not in one
        assert b"<dc:date>" not in one


def test_fonts_are_at_least_seven_points() -> None:
    """No text of the chart is smaller than 7 pt."""
    t = _load(SAMPLE)
    _, _, fig = _chart(t, "overview")
    assert min(x.get_fontsize() for x in _texts(fig)) >= 7


def test_print_theme_is_grey_and_lanes_differ_by_shape() -> None:
    """The print theme uses only greys, and each lane's markers have their own shape."""
    t = _load(CHART_DATA / "basic.yaml")
    _, _, fig = _chart(t, theme="print")
    shapes = set()
    for coll in fig.findobj(lambda a: isinstance(a, PathCollection | PolyCollection)):
        for r, g, b, _ in list(coll.get_facecolors()) + list(coll.get_edgecolors()):  # type: ignore[attr-defined]
            assert r == pytest.approx(g, abs=0.02)
            assert g == pytest.approx(b, abs=0.02)
        if _is(coll, "main.swatch"):
            shapes.add(coll.get_paths()[0].vertices.tobytes())  # type: ignore[attr-defined]
    assert len(shapes) == 3


def test_unknown_theme_is_refused() -> None:
    """An unknown theme name raises a ValueError naming the themes."""
    t = _load(CHART_DATA / "basic.yaml")
    with pytest.raises(ValueError, match="light, dark, print"):
        _chart(t, theme="neon")


def test_empty_view_says_so() -> None:
    """A view without events still renders, saying it has none."""
    t = _load(b"title: T\nevents: []\n")
    _, _, fig = _chart(t)
    assert "No events in this view." in {x.get_text() for x in _texts(fig)}
    assert ch.figure_bytes(fig, "png", dpi=50).startswith(b"\x89PNG")


def test_rc_params_do_not_leak() -> None:
    """Drawing a chart leaves the caller's matplotlib settings as they were."""
    before = dict(matplotlib.rcParams)
    t = _load(CHART_DATA / "basic.yaml")
    fig = _chart(t, theme="dark")[2]
    ch.figure_bytes(fig, "svg", dpi=50)
    assert dict(matplotlib.rcParams) == before


def test_height_follows_the_content() -> None:
    """A chart with more lanes and labels is taller; the width is as asked."""
    small = _chart(_load(CHART_DATA / "arabic.yaml"))[2]
    large = _chart(_load(SAMPLE), "overview", width_cm=25.4)[2]
    assert small.get_size_inches()[1] < large.get_size_inches()[1]
    assert large.get_size_inches()[0] == pytest.approx(10)


def test_many_events_label_what_fits_and_say_so() -> None:
    """With thousands of events the chart labels what fits, overlaps nothing, and notes the rest."""
    lines = ["title: Many", "events:"]
    for i in range(2000):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        year = 2000 + i // 336
        lines.append(f"  - {{date: {year}-{month:02d}-{day:02d}, title: Event {i}}}")
    t = _load("\n".join(lines).encode())
    _, events, fig = _chart(t, max_labels=150)
    assert _event_glyphs(fig, "main") == len(events)
    _render_all(fig)
    assert _problems(fig, hidden=False) == []
    footer = next(x for x in _texts(fig) if x.get_gid() == "footer").get_text()
    assert "not labelled for lack of room" in footer.replace("\n", " ")


def test_importing_the_cli_does_not_import_matplotlib() -> None:
    """The command-line app starts without loading matplotlib."""
    code = "import sys, timeline.cli; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_missing_glyph_names_the_text_and_where_it_is() -> None:
    """The missing-glyph error is a diagnostic at the line and column of the text needing it."""
    t = _load("title: T\nevents:\n  - date: 2020-01-02\n    title: 'Sign \U0010fffd'\n".encode())
    with pytest.raises(ch.MissingGlyphError) as info:
        _chart(t)
    (found,) = info.value.diagnostics
    assert (found.file, found.line, found.col, found.severity) == ("chart.yaml", 4, 12, "error")
    assert str(info.value) == (
        "chart.yaml:4:12: error: no installed font can draw '\\U0010fffd' "
        "(U+10FFFD ?) in this title (hint: install a font that covers these characters "
        "(for example Debian's fonts-noto-core or fonts-noto-cjk) and render again)"
    )


def test_missing_glyph_in_a_group_label_names_the_group() -> None:
    """A character missing from a lane name is reported with the group it belongs to."""
    data = (
        "title: T\ngroups:\n  far: {label: 'Far \U0010fffd'}\n"
        "events:\n  - {date: 2020-01-02, title: Plain, group: far}\n"
    ).encode()
    with pytest.raises(ch.MissingGlyphError) as info:
        _chart(_load(data))
    (found,) = info.value.diagnostics
    assert found.message.endswith("in the label of group 'far'")


def _bars(fig: Figure, region: str) -> dict[str, tuple[float, float, float, float]]:
    """Every event bar of ``region`` drawn one by one, as (x0, x1, y0, y1) in points, by
    event id."""
    out = {}
    for coll in fig.findobj(lambda a: isinstance(a, PolyCollection)):
        found = cc.event_id(coll.get_gid())
        if found and found[1] == "mark" and coll.get_label() == region:
            path = coll.get_paths()[0]  # type: ignore[attr-defined]
            xs, ys = path.vertices[:, 0], path.vertices[:, 1]
            out[found[0]] = (round(xs.min(), 2), round(xs.max(), 2), ys.min(), ys.max())
    return out


def test_events_of_the_same_span_each_have_their_own_bar() -> None:
    """No two bars of the sample are drawn in the same place: five events of one day show
    as five bars, not one. (On the main axis, bars a detail panel shows apart may share
    their place.)"""
    t = _load(SAMPLE)
    for name in t.view_names():
        _, _, fig = _chart(t, name)
        shown = set(_bars(fig, "panel1"))
        for region in ("main", "panel1"):
            bars = [b for e, b in _bars(fig, region).items() if region != "main" or e not in shown]
            assert len(set(bars)) == len(bars), (name, region)


def test_a_label_beside_its_bar_is_level_with_it_alone() -> None:
    """Bars of one span stack one above another, each label level with its own bar and no
    other."""
    layout: Any = importlib.import_module("timeline.render.chart._layout")
    data = b"title: T\nevents:\n" + b"".join(
        b"  - {date: 2024-11-29, title: Event %d}\n" % i for i in range(5)
    )
    events = _load(data).events
    marks = [
        layout.Mark(e, 0, True, 500.0, 500.0, 580.0, 500.0, 580.0, True, 580.0) for e in events
    ]
    m = layout.Metrics(row=10.0)

    def measure(mark: Any, width: float) -> Any:
        return layout.LabelSize(120.0, 19.0, "29 Nov 2024", 8.0, mark.event.title)

    out = layout.layout_lane(marks, measure, 0.0, 600.0, m)
    middles = {id(k): out.bar_y[id(k)] + m.bar / 2 for k in marks}
    assert len(set(middles.values())) == 5
    assert len(out.labels) == 5
    for label in out.labels:
        bottom, top = label.top - label.size.height, label.top
        level = [k for k, y in middles.items() if bottom <= y <= top]
        assert level == [id(label.mark)]
        assert label.right_aligned  # before its bar, not over it
        assert label.x <= 500.0 - 4.0


def test_unlabelled_bars_fill_gaps_instead_of_adding_height() -> None:
    """A bar without a label goes into a free gap above the marker line, so the lane is no
    taller than without it."""
    layout: Any = importlib.import_module("timeline.render.chart._layout")
    first, second = _load(
        b"title: T\nevents:\n  - {date: 2011-03-15, title: Protests}\n"
        b"  - {date: 2024-11-27/.., title: Offensive}\n"
    ).events
    point = layout.Mark(first, 0, False, 20.0, 20.0, 20.0, 20.0, 20.0, True, 20.0)
    bar = layout.Mark(second, 0, True, 590.0, 590.0, 591.0, 590.0, 591.0, False, 597.0, True)
    m = layout.Metrics(row=10.0)

    def measure(mark: Any, width: float) -> Any:
        return layout.LabelSize(120.0, 28.0, "15 Mar 2011", 8.0, mark.event.title)

    alone = layout.layout_lane([point], measure, 0.0, 600.0, m)
    both = layout.layout_lane([point, bar], measure, 0.0, 600.0, m)
    assert both.height == alone.height
    assert both.bar_y[id(bar)] > both.marker_y  # above the line, among the labels
    crowded = layout.Metrics(row=10.0, fill_gaps=False)
    assert layout.layout_lane([point, bar], measure, 0.0, 600.0, crowded).height > alone.height


def test_labels_of_a_huge_lane_spread_over_its_span() -> None:
    """When a lane has far more labels than its budget, those shown spread over the axis
    rather than piling up at one end."""
    layout: Any = importlib.import_module("timeline.render.chart._layout")
    (e,) = _load(b"title: T\nevents:\n  - {date: 2001-02-03, title: E}\n").events
    marks = [layout.Mark(e, 0, False, x, x, x, x, x, True, x) for x in range(10, 1000)]
    budget = [12]

    def measure(mark: Any, width: float) -> Any:
        budget[0] -= 1
        return layout.LabelSize(60.0, 18.0, "3 Feb 2001", 8.0, "E") if budget[0] >= 0 else None

    out = layout.layout_lane(marks, measure, 0.0, 1000.0, layout.Metrics(row=10.0))
    xs = sorted(label.mark.x for label in out.labels)
    assert len(xs) >= 6
    assert xs[0] < 250.0
    assert xs[-1] > 750.0


def test_bars_without_room_never_cover_a_label() -> None:
    """When a crowded lane runs out of tracks, the bars left over go to a track of their
    own, under no label."""
    lines = ["title: Crowded", "events:"]
    for i in range(320):
        lines.append(f"  - {{date: 2001-{1 + i % 12:02d}-{1 + i % 28:02d}, title: Point {i}}}")
    for i in range(60):
        year = 2001 + i % 8
        lines.append(
            f"  - {{date: {year}-0{1 + i % 6}/{year + 2}, title: Period {i}, importance: 3}}"
        )
    t = _load("\n".join(lines).encode())
    _, events, fig = _chart(t, dpi=72)
    assert _event_glyphs(fig, "main") == len(events)
    _render_all(fig)
    assert _problems(fig, hidden=False) == []


def _many(n: int) -> bytes:
    """A chronology of ``n`` events in two lanes over 30 years, with periods and milestones."""
    lines = ["title: Many", "groups:", "  a: {label: A}", "  b: {label: B}", "events:"]
    for i in range(n):
        year = 1990 + i % 30
        date = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        if i % 9 == 0:
            date = f"{year}-{1 + i % 6:02d}/{year + 1 + i % 3}"
        importance = 3 if i % 25 == 0 else 1
        group = "ab"[i % 2]
        lines.append(
            f"  - {{date: {date}, title: Event {i}, group: {group}, importance: {importance}}}"
        )
    lines += ["views:", "  v: {min_importance: 3}"]
    return "\n".join(lines).encode()


def _named(fig: Figure, part: str) -> list[Any]:
    return list(fig.findobj(lambda a: f".{part}." in (a.get_gid() or "")))


def test_up_to_the_dense_threshold_every_event_has_its_own_glyph() -> None:
    """A region with as many events as the threshold draws one glyph per event, no strips."""
    t = _load(_many(120))
    _, events, fig = _chart(t, dense_above=120, dpi=72)
    assert _event_glyphs(fig, "main") == len(events) == 120
    assert not _named(fig, "density")
    assert not _named(fig, "merged")


def test_above_the_dense_threshold_unlabelled_events_are_aggregated_and_said_so() -> None:
    """One event over the threshold: only labelled events keep a glyph of their own, the
    others become shaded strips and merged bars, and the key and footer say how."""
    t = _load(_many(120))
    _, events, fig = _chart(t, dense_above=119, dpi=72, size="wide")
    labelled = _labelled_ids(fig)["main"]
    assert 0 < _event_glyphs(fig, "main") == len(labelled) < len(events)
    assert _named(fig, "density")
    assert _named(fig, "merged")
    texts = {x.get_text() for x in _texts(fig)}
    assert "events per slice:" in texts
    assert "1–2" in texts  # one shade: one or two events in a slice
    footer = next(x for x in _texts(fig) if x.get_gid() == "footer").get_text()
    assert "the shaded strips count the events without a label in slices of 1 month" in (
        footer.replace("\n", " ")
    )
    _render_all(fig)
    assert _problems(fig) == []


def test_dense_strips_count_every_event_once() -> None:
    """Slice counts add up to the events counted, and merged bars cover every bar once."""
    dense: Any = importlib.import_module("timeline.render.chart._dense")
    axis: Any = importlib.import_module("timeline.render.chart._axis")
    scale = axis.Scale(0.0, 30 * 365.2425 * 86400.0, 100.0, 600.0)
    slices = dense.slices_for(scale)
    assert (slices.count, slices.unit) == (1, "month")  # a month is 1.64 points here
    assert slices.width >= dense.MIN_COLUMN
    xs = [100.0 + (i * 7.31) % 600.0 for i in range(5000)] + [100.0, 700.0]
    counts = dense.count(slices, xs)
    assert int(counts.sum()) == len(xs)
    paths = dense.strip_paths(counts, slices, 700.0, 0.0, 6.0)
    assert [level for level, _ in paths] == sorted({dense.level_of(int(c)) for c in counts if c})


def test_merged_bars_are_the_union_of_the_bars() -> None:
    """Merging keeps every instant some bar covers, per track, and nothing else."""
    dense: Any = importlib.import_module("timeline.render.chart._dense")
    layout: Any = importlib.import_module("timeline.render.chart._layout")
    (e,) = _load(b"title: T\nevents:\n  - {date: 2001/2003, title: P}\n").events
    spans = [(0.0, 10.0, 0.0), (5.0, 20.0, 0.0), (30.0, 40.0, 0.0), (0.0, 50.0, 8.0)]
    marks = [layout.Mark(e, 0, True, a, a, b, a, a, False, b) for a, b, _ in spans]
    bar_y = {id(k): y for k, (_, _, y) in zip(marks, spans, strict=True)}
    merged = dense.merge_bars(marks, bar_y, 16.0)
    assert merged.shells == [(0.0, 20.0, 0.0), (30.0, 40.0, 0.0), (0.0, 50.0, 8.0)]
    assert merged.cores == []


def test_the_dense_threshold_is_documented() -> None:
    """The default threshold is the one docs/charts.md gives."""
    assert ch.ChartOptions().dense_above == 5000
    docs = (Path(__file__).resolve().parent.parent / "docs" / "charts.md").read_text()
    assert "more than 5,000 events" in docs


def test_svg_ids_are_unique() -> None:
    """Every id in a standalone SVG is used once, as XML requires."""
    from xml.etree import ElementTree

    for data, view in ((CHART_DATA / "cluster.yaml", None), (SAMPLE, "offensive")):
        _, _, fig = _chart(_load(data), view, dpi=72)
        root = ElementTree.fromstring(ch.figure_bytes(fig, "svg", dpi=72))
        ids = [el.get("id") for el in root.iter() if el.get("id") is not None]
        assert ids
        assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]


def test_a_view_is_drawn_once_for_all_its_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendering PNG, SVG, PDF and HTML builds the figures of a view once: the page's dark
    colour scheme recolours them instead of drawing them again."""
    from timeline.render import RenderOptions, render_view

    built = []
    parts, whole = ch.chart_parts, ch.chart

    def counting_parts(*args: Any, **kwargs: Any) -> list[Figure]:
        built.append("parts")
        return parts(*args, **kwargs)  # type: ignore[no-any-return]

    def counting(*args: Any, **kwargs: Any) -> Figure:
        built.append(kwargs["options"].theme)
        return whole(*args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(ch, "chart_parts", counting_parts)
    monkeypatch.setattr(ch, "chart", counting)
    t = _load(CHART_DATA / "basic.yaml")
    view = t.view(t.view_names()[0])
    out = render_view(t, view, RenderOptions(formats=("png", "svg", "pdf", "html"), dpi=50))
    assert len(out) == 4
    assert built == ["parts"]


def test_a_one_part_chart_is_saved_as_svg_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A chart in one part is saved as SVG once for its file and its page; the page's two
    down charts (the phone's and the column's) are the only other SVGs made."""
    from timeline.render import RenderOptions, render_view

    saved: list[str] = []
    original = ch.figure_bytes

    def counting(fig: Figure, fmt: str, *, dpi: int) -> bytes:
        saved.append(fmt)
        return original(fig, fmt, dpi=dpi)  # type: ignore[no-any-return]

    monkeypatch.setattr(ch, "figure_bytes", counting)
    t = _load(CHART_DATA / "basic.yaml")
    view = t.view(t.view_names()[0])
    out = render_view(t, view, RenderOptions(formats=("svg", "html"), dpi=50))
    assert sorted(out) == ["overview.html", "overview.svg"]
    assert saved == ["svg", "svg", "svg"]


# -- baselines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "theme"),
    [("basic.yaml", "light"), ("cluster.yaml", "dark"), ("basic.yaml", "print")],
)
def test_baseline_images(name: str, theme: str, tmp_path: Path) -> None:
    """The chart looks as it did when its baseline was approved (small tolerance)."""
    from matplotlib.testing.compare import compare_images

    t = _load(CHART_DATA / name)
    fig = _chart(t, theme=theme, dpi=80)[2]
    data = ch.figure_bytes(fig, "png", dpi=80)
    expected = BASELINES / f"{Path(name).stem}-{theme}.png"
    if REGEN_BASELINES:
        expected.parent.mkdir(exist_ok=True)
        expected.write_bytes(data)
    actual = tmp_path / expected.name
    actual.write_bytes(data)
    assert compare_images(str(expected), str(actual), tol=3) is None


# -- properties ------------------------------------------------------------------------------

_WORDS = [
    "Talks",
    "collapse",
    "after",
    "a",
    "long",
    "night",
    "in",
    "the",
    "capital's",
    "old",
    "quarter",
    "rebels",
    "$5",
    "million",
    "ceasefire",
    "extraordinarily",
    "protracted",
    "negotiations",
    "مفاوضات",
    "Ζ",
]


@st.composite
def _event(draw: st.DrawFn, lo: int, hi: int, groups: int) -> str:
    year = draw(st.integers(lo, hi))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    precision = draw(st.sampled_from(["year", "month", "day", "time"]))
    date = {
        "year": f"{year}",
        "month": f"{year}-{month:02d}",
        "day": f"{year}-{month:02d}-{day:02d}",
        "time": f"{year}-{month:02d}-{day:02d}T{draw(st.integers(0, 23)):02d}:30",
    }[precision]
    date += draw(st.sampled_from(["", "", "~", "?"]))
    shape = draw(st.sampled_from(["point", "point", "period", "ongoing", "unknown"]))
    if shape == "period":
        date += f"/{min(hi + 1, year + draw(st.integers(1, 3)))}"
    elif shape == "ongoing":
        date += "/.."
    elif shape == "unknown":
        date += "/"
    title = " ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14)))
    group = draw(st.integers(0, groups))
    certainty = draw(st.sampled_from(["reported", "confirmed", "claimed", "disputed"]))
    importance = draw(st.integers(1, 3))
    fields = [
        f"date: '{date}'",
        f"title: {json.dumps(title)}",
        f"certainty: {certainty}",
        f"importance: {importance}",
    ]
    if group:
        fields.append(f"group: g{group}")
    return "  - {" + ", ".join(fields) + "}"


@st.composite
def _chronology(draw: st.DrawFn) -> bytes:
    lo = draw(st.integers(1990, 2020))
    hi = lo + draw(st.integers(0, 12))
    groups = draw(st.integers(0, 3))
    lines = ["title: Generated", f"as_of: {hi + 1}-06-30"]
    if groups:
        lines.append("groups:")
        lines += [f"  g{i}: {{label: Group {i}}}" for i in range(1, groups + 1)]
    lines.append("events:")
    lines += [draw(_event(lo, hi, groups)) for _ in range(draw(st.integers(1, 14)))]
    # A crowd of same-week events, sometimes.
    if draw(st.booleans()):
        for i in range(draw(st.integers(3, 8))):
            lines.append(f"  - {{date: '{hi}-05-{10 + i % 3:02d}T{i:02d}:00', title: 'Crowd {i}'}}")
    threshold = draw(st.integers(1, 3))
    lines += ["views:", f"  v: {{min_importance: {threshold}}}"]
    return "\n".join(lines).encode()


#: A generated chronology whose ongoing period's wrapped title, bold, ends 6.75 points
#: before the next bar: with hinting at 72 dpi the title is drawn 4 % wider than measured
#: (185 points, not 177) and covers the bar.
_HINTED_WIDER = (
    b"title: Generated\n"
    b"as_of: 2019-06-30\n"
    b"events:\n"
    b"  - {date: '2018/2019', title: \"Talks million $5 negotiations negotiations Talks\","
    b" certainty: reported, importance: 3}\n"
    b"  - {date: '2011', title: \"Talks Talks extraordinarily protracted Talks\","
    b" certainty: reported, importance: 3}\n"
    b"  - {date: '2009-10-18/', title: \"the Talks Talks $5 Talks collapse Talks long long"
    b' quarter in long $5 protracted", certainty: reported, importance: 3}\n'
    b"  - {date: '2017/2019', title: \"rebels"
    b" \\u0645\\u0641\\u0627\\u0648\\u0636\\u0627\\u062a extraordinarily ceasefire"
    b' \\u0396 Talks Talks Talks \\u0396 Talks million Talks rebels",'
    b" certainty: reported, importance: 2}\n"
    b"  - {date: '2017/2018', title: \"Talks\", certainty: reported, importance: 1}\n"
    b"  - {date: '2009-06', title: \"Talks\", certainty: reported, importance: 1}\n"
    b"  - {date: '2018', title: \"Talks\", certainty: reported, importance: 1}\n"
    b"  - {date: '2015-10/', title: \"Talks\", certainty: reported, importance: 1}\n"
    b"  - {date: '2010', title: \"Talks\", certainty: reported, importance: 1}\n"
    b"  - {date: '2015', title: \"Talks\", certainty: reported, importance: 1}\n"
    b"  - {date: '2017', title: \"Talks\", certainty: reported, importance: 1}\n"
    b"views:\n"
    b"  v: {min_importance: 1}"
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_chronology())
@example(data=_HINTED_WIDER)
def test_generated_chronologies_never_overlap(data: bytes) -> None:
    """Any chronology gives a chart whose labels neither overlap nor leave the figure, with
    one glyph per event and a label for every event at the threshold (these chronologies
    have far fewer than 150), none left out for lack of room."""
    t = _load(data)
    view, events, fig = _chart(t, dpi=72)
    assert _event_glyphs(fig, "main") == len(events)
    _render_all(fig)
    assert _problems(fig) == []
    labelled = set().union(*_labelled_ids(fig).values())
    footer = next(x for x in _texts(fig) if x.get_gid() == "footer").get_text()
    assert "lack of room" not in footer.replace("\n", " ")
    assert labelled == {e.id for e in events if e.importance >= view.min_importance}


def test_a_figure_saved_in_several_formats_at_once_is_saved_as_in_each() -> None:
    """Saving a chart as PNG, SVG and PDF together (the PNG compressed meanwhile on a
    thread) gives each format's bytes as saving it alone does, in the order asked."""
    fig = _chart(_load(CHART_DATA / "basic.yaml"), dpi=50)[2]
    together = ch.figure_files(fig, ["png", "svg", "pdf"], dpi=50)
    assert list(together) == ["png", "svg", "pdf"]
    for fmt, data in together.items():
        assert data == ch.figure_bytes(fig, fmt, dpi=50)
    assert list(ch.figure_files(fig, ["svg"], dpi=50)) == ["svg"]


def test_a_word_wider_than_its_line_breaks_where_a_reader_expects() -> None:
    """A word too wide for the label column breaks after a dash or slash when one fits,
    else with a hyphen between two Latin letters; other scripts break without one; the
    pieces, hyphens aside, give the word back and every line fits."""
    meas = _CharMeasurer()
    assert meas.wrap("Israel–Hezbollah ceasefire", 10, 9.0) == ["Israel–", "Hezbollah", "ceasefire"]
    assert meas.wrap("Supercalifragilistic", 8, 9.0) == ["Superca-", "lifragi-", "listic"]
    assert meas.wrap("حزب الله", 3, 9.0) == ["حزب", "الل", "ه"]
    assert meas.wrap("x", 0.5, 9.0) == ["x"]
    for width in range(3, 12):
        got = meas.wrap("Baden Württembergische Superlongword", width, 9.0)
        assert all(len(line) <= width for line in got), got
        unbroken = "".join(line.removesuffix("-") for line in got)
        assert unbroken == "BadenWürttembergischeSuperlongword", got
    for width in range(6, 12):
        got = meas.wrap("Nord-Pas-de-Calais", width, 9.0)
        assert "".join(got) == "Nord-Pas-de-Calais", got
        assert all(line.endswith("-") for line in got[:-1]), got


def test_an_arabic_era_title_across_is_set_upright_and_measured_as_drawn() -> None:
    """Across as down: the italic faces lack Arabic, so an Arabic era title is set upright
    (no character drawn as a box, no warning), a Latin one in italics."""
    import warnings

    t = _load(
        "title: T\nlocale: ar\neras:\n"
        "  - {title: الانتفاضة, date: 2011, end: 2014}\n"
        "  - {title: Offensive, date: 2020, end: 2024}\nevents:\n"
        "  - {date: 2011-03-15, title: a}\n  - {date: 2024-11-29, title: b}\n".encode()
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, _, fig = _chart(t)
        ch.figure_bytes(fig, "png", dpi=72)
    eras = [x for x in _texts(fig) if _is(x, "main.era")]
    assert {x.get_text(): x.get_fontstyle() for x in eras} == {
        "الانتفاضة": "normal",
        "Offensive": "italic",
    }
