"""A chart recoloured into the dark theme makes the same page as the chart drawn dark."""

from __future__ import annotations

import importlib
import re
from dataclasses import replace
from typing import Any

import pytest

import timeline
from timeline import Timeline
from timeline.render import RenderOptions, render_view
from timeline.render.chart import colour_pairs, recoloured
from timeline.render.chart._down import DownOptions, down_chart
from timeline.render.chart.sizes import SIZES
from timeline.render.text._html_svg import Styles, chart_markup

from .conftest import DATA, SAMPLE

ch: Any = importlib.import_module("timeline.render.chart._compose")

#: Colours of their own on groups and eras, a group taking a palette colour (so the others
#: take the rest of each theme's palette), and a crowded lane drawn as shaded strips.
_COLOURED = """\
title: Colours
as_of: 2020-12-31
groups:
  a: {label: First, color: "#0072B2"}
  b: {label: Second}
  c: {label: Third, color: "tomato"}
eras:
  - {title: Early, date: 2001/2005, color: "#884400"}
  - {title: Late, date: 2010/2015}
events:
"""


def _coloured() -> bytes:
    lines = [_COLOURED]
    for i in range(60):
        group = "abc"[i % 3] if i % 4 else "b"
        lines.append(f"  - {{date: 20{i % 20:02d}-0{1 + i % 9}-1{i % 10}, title: Event {i}, ")
        lines.append(f"group: {group}, importance: {1 + i % 3}}}\n")
    lines.append("views:\n  all: {title: All}\n")
    return "".join(lines).encode()


def _page(light: str, dark: str | None) -> tuple[str, bool, tuple[str, str]]:
    """The markup, whether it has its dark colours, and the stylesheet a page makes of a
    chart drawn light and dark."""
    styles = Styles()
    markup = chart_markup(light, dark, prefix="a", css_class="ac", titles=str, styles=styles)
    return markup.markup, markup.dark, styles.css()


def _same_page(t: Timeline, light: str, dark: str) -> None:
    """The light drawing recoloured makes the page the drawn dark one makes, with its
    dark colours, and differs from the dark drawing in nothing but the names of ids
    (matplotlib names a marker after a hash of its style)."""
    derived = recoloured(light, colour_pairs(t, "light", "dark"))
    assert derived is not None
    page = _page(light, derived)
    assert page[1]
    assert page == _page(light, dark)
    ids = re.compile(r'id="([^"]*)"')
    names = dict(zip(ids.findall(derived), ids.findall(dark), strict=True))
    renamed = re.sub(r'(id="|#)(m[0-9a-f]{10})\b', lambda m: m[1] + names.get(m[2], m[2]), derived)
    assert renamed == dark


def _load(raw: bytes) -> Timeline:
    report = timeline.check_bytes(raw, "chart.yaml")
    assert report.timeline is not None, [str(d) for d in report.errors]
    assert not report.errors, [str(d) for d in report.errors]
    return report.timeline


_CASES = [
    (SAMPLE.read_bytes(), "overview", {}),
    (SAMPLE.read_bytes(), "offensive", {}),
    ((DATA / "chart" / "basic.yaml").read_bytes(), None, {}),
    ((DATA / "chart" / "cluster.yaml").read_bytes(), None, {"dense_above": 3}),
    ((DATA / "chart" / "arabic.yaml").read_bytes(), None, {}),
    (_coloured(), None, {"dense_above": 5}),
]


@pytest.mark.parametrize(("raw", "name", "extra"), _CASES)
def test_recoloured_across_chart_is_the_dark_drawing(
    raw: bytes, name: str | None, extra: dict[str, Any]
) -> None:
    """The across chart drawn light and recoloured equals the chart drawn dark."""
    t = _load(raw)
    view = t.view(name or t.view_names()[0])
    events = timeline.select(t, view)
    options = ch.ChartOptions(size="wide", dpi=50, **extra)

    def svg(theme: str) -> str:
        fig = ch.chart(t, view, events, options=replace(options, theme=theme))
        data: bytes = ch.figure_bytes(fig, "svg", dpi=50)
        return data.decode()

    _same_page(t, svg("light"), svg("dark"))


@pytest.mark.parametrize(("raw", "name", "extra"), _CASES)
def test_recoloured_down_chart_is_the_dark_drawing(
    raw: bytes, name: str | None, extra: dict[str, Any]
) -> None:
    """The down chart drawn light and recoloured equals the chart drawn dark."""
    t = _load(raw)
    view = t.view(name or t.view_names()[0])
    events = timeline.select(t, view)
    options = DownOptions(size=replace(SIZES["column"], max_height_cm=None), dpi=50)

    def svg(theme: str) -> str:
        fig = down_chart(t, view, events, options=replace(options, theme=theme))[0]
        data: bytes = ch.figure_bytes(fig, "svg", dpi=50)
        return data.decode()

    _same_page(t, svg("light"), svg("dark"))


def test_a_colour_without_a_pair_is_not_recoloured() -> None:
    """An SVG with a colour the table does not know is left to be drawn (None)."""
    pairs = colour_pairs(_load(SAMPLE.read_bytes()), "light", "dark")
    known = '<path d="M 0 0" style="fill: #ffffff; stroke: #1d1f21"/>'
    assert recoloured(known, pairs) == '<path d="M 0 0" style="fill: #14171c; stroke: #eceef1"/>'
    assert recoloured('<path style="fill: #123456"/>', pairs) is None
    assert recoloured('<path style="fill: #ffffff80"/>', pairs) is None
    assert recoloured('<path style="fill: url(#h1)"/>', pairs) is None


def test_black_left_out_by_matplotlib_is_recoloured() -> None:
    """A shape or text with no fill is black, and gets black's pair where matplotlib puts
    it; a marker's definition (stroke only) and a collection's path get none."""
    pairs = colour_pairs(_load(SAMPLE.read_bytes()), "light", "dark")
    assert pairs["#000000"] == "#d9d9d9"
    cases = {
        '<use xlink:href="#m1" x="1"/>': '<use xlink:href="#m1" x="1" style="fill: #d9d9d9"/>',
        '<path d="M 0 0" style="stroke: #0072b2"/>': (
            '<path d="M 0 0" style="fill: #d9d9d9; stroke: #3d9be0"/>'
        ),
        '<text x="1" style="font-size: 8px; opacity: 0.5">A</text>': (
            '<text x="1" style="font-size: 8px; fill: #d9d9d9; opacity: 0.5">A</text>'
        ),
        '<path id="m0a1b2c3d4e" d="M 0 0" style="stroke: #0072b2"/>': (
            '<path id="m0a1b2c3d4e" d="M 0 0" style="stroke: #3d9be0"/>'
        ),
        '<path id="C0_0_abc" d="M 0 0"/>': '<path id="C0_0_abc" d="M 0 0"/>',
    }
    for light, dark in cases.items():
        assert recoloured(light, pairs) == dark
    back = colour_pairs(_load(SAMPLE.read_bytes()), "dark", "light")
    assert recoloured('<use x="1" style="fill: #d9d9d9"/>', back) == '<use x="1"/>'


def test_a_colour_standing_for_two_is_not_paired() -> None:
    """A group coloured like the light background has no pair: the light background
    would stand for two dark colours."""
    raw = SAMPLE.read_bytes().replace(b"groups:\n", b"groups:\n  white: {label: W, color: white}\n")
    t = _load(raw)
    assert "white" in t.groups
    assert "#ffffff" not in colour_pairs(t, "light", "dark")
    assert colour_pairs(t, "light", "print") == {}


def test_the_page_draws_the_dark_theme_only_when_it_must(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The page's dark charts are recoloured, not drawn, and the page is the same as when
    they are drawn."""
    import timeline.render.chart as charts

    t = _load(SAMPLE.read_bytes())
    view = t.view("offensive")
    options = RenderOptions(formats=("html",), dpi=50)
    themes: list[str] = []
    chart = ch.chart

    def counting(*args: Any, **kwargs: Any) -> Any:
        themes.append(kwargs["options"].theme)
        return chart(*args, **kwargs)

    monkeypatch.setattr(ch, "chart", counting)
    page = render_view(t, view, options)
    assert themes == ["light"]
    monkeypatch.setattr(charts, "recoloured", lambda svg, pairs: None)
    drawn = render_view(t, view, options)
    assert themes == ["light", "light", "dark"]
    assert page == drawn
