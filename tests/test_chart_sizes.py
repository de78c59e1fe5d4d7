"""Chart destinations: physical sizes in every format, type at the final size, parts, the
size and importance view keys, and the command-line options that choose them."""

from __future__ import annotations

import importlib
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import timeline
from timeline import Timeline
from timeline.cli import app
from timeline.render import RenderOptions, render_view
from timeline.render.chart import across_fits, across_parts, part_events
from timeline.render.chart.sizes import SIZES, parse_width

from . import chart_checks as cc
from .conftest import DATA, SAMPLE

ch: Any = importlib.import_module("timeline.render.chart._compose")
runner = CliRunner()
BASIC = DATA / "chart" / "basic.yaml"
PT_PER_CM = 72.0 / 2.54


def _load(data: bytes | Path) -> Timeline:
    raw = data.read_bytes() if isinstance(data, Path) else data
    report = timeline.check_bytes(raw, "chart.yaml")
    assert report.timeline is not None
    assert not report.errors, [str(d) for d in report.errors]
    return report.timeline


def png_size(data: bytes) -> tuple[float, float, float]:
    """A PNG's width and height in points at the resolution it states, and that dpi."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, width, height, ppm = 8, 0, 0, 0.0
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + n : pos + 12 + n])[0]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"pHYs":
            x, y, unit = struct.unpack(">IIB", body)
            assert unit == 1  # pixels per metre
            assert x == y
            ppm = float(x)
        pos += 12 + n
    assert ppm, "the PNG does not say its resolution"
    dpi = ppm * 0.0254
    return width / dpi * 72.0, height / dpi * 72.0, dpi


def svg_size(data: bytes) -> tuple[float, float]:
    """An SVG's width and height in points."""
    root = re.search(rb"<svg\b[^>]*>", data)
    assert root is not None
    w = re.search(rb'width="([0-9.]+)pt"', root.group())
    h = re.search(rb'height="([0-9.]+)pt"', root.group())
    assert w is not None
    assert h is not None
    return float(w.group(1)), float(h.group(1))


def pdf_size(data: bytes) -> tuple[float, float]:
    """A PDF page's width and height in points (its MediaBox)."""
    box = re.search(rb"/MediaBox \[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", data)
    assert box is not None
    return float(box.group(1)), float(box.group(2))


# -- physical size ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "width_cm"),
    [("column", None), ("page", None), ("slide", None), ("wide", None), ("column", 8.4)],
)
def test_every_format_has_the_physical_size_asked(size: str, width_cm: float | None) -> None:
    """PNG (by its stated resolution), SVG and PDF of a chart are as wide as the size (or
    the width asked) and equally tall."""
    t = _load(BASIC)
    options = RenderOptions(formats=("png", "svg", "pdf"), size=size, width_cm=width_cm, dpi=72)
    out = render_view(t, t.view("overview"), options)
    want = (width_cm or SIZES[size].width_cm) * PT_PER_CM
    pw, ph, dpi = png_size(out["overview.png"])
    sw, sh = svg_size(out["overview.svg"])
    fw, fh = pdf_size(out["overview.pdf"])
    pixel = 72.0 / dpi
    assert sw == pytest.approx(want, abs=0.01)
    assert fw == pytest.approx(want, abs=0.01)
    assert pw == pytest.approx(want, abs=pixel)
    assert fh == pytest.approx(sh, abs=0.01)
    assert ph == pytest.approx(sh, abs=pixel)


def test_png_is_300_dpi_by_default_and_says_so() -> None:
    """A default render writes 300 dpi PNGs whose pHYs chunk states 300 dpi, 14.5 cm wide."""
    t = _load(BASIC)
    out = render_view(t, t.view("overview"), RenderOptions(formats=("png",)))
    width, _, dpi = png_size(out["overview.png"])
    # pHYs holds whole pixels per metre, rounded up so that readers truncating to whole
    # dots per inch (pandoc) still read 300.
    assert dpi == pytest.approx(300, abs=0.03)
    assert int(dpi) == 300
    assert width == pytest.approx(14.5 * PT_PER_CM, abs=72 / 300)


@pytest.mark.parametrize("size", ["column", "slide"])
def test_type_is_never_below_the_minimum_at_the_final_size(size: str) -> None:
    """Read from the SVG (whose units are points): event titles are at least the size's
    label minimum, every other text at least its small-type minimum."""
    t = _load(SAMPLE)
    view = t.view("offensive")
    figures = across_parts(t, view, timeline.select(t, view), RenderOptions(size=size))
    for fig in figures:
        svg = ch.figure_bytes(fig, "svg", dpi=72).decode()
        sizes = cc.svg_font_sizes(svg)
        assert sizes
        assert min(sizes) >= SIZES[size].small_pt
        titles = re.findall(
            r'<g id="ev:[^"]+:label">\s*<text style="[^"]*font-size: ([0-9.]+)px', svg
        )
        assert titles
        assert min(float(x) for x in titles) >= SIZES[size].label_pt


# -- parts ------------------------------------------------------------------------------------


def test_a_view_too_tall_for_its_size_is_split_into_parts() -> None:
    """The sample overview does not fit a column: it is written as overview.png,
    overview-2.png... (same for SVG), each within 20 cm, every label in one of them, the
    events in order, each part saying which it is."""
    t = _load(SAMPLE)
    view = t.view("overview")
    events = timeline.select(t, view)
    out = render_view(t, view, RenderOptions(formats=("png", "svg", "md", "html"), dpi=72))
    pngs = sorted(n for n in out if n.endswith(".png"))
    n = len(pngs)
    assert n > 1
    assert pngs == sorted(["overview.png", *(f"overview-{i}.png" for i in range(2, n + 1))])
    assert {f"overview-{i}.svg" for i in range(2, n + 1)} <= set(out)
    for name in pngs:
        assert png_size(out[name])[1] <= 20.0 * PT_PER_CM + 0.5
    figures = across_parts(t, view, events, RenderOptions(dpi=72))
    assert len(figures) == n
    shown = [e for fig in figures for e in part_events(fig) or []]
    assert [e.id for e in shown] == [e.id for e in events]
    labelled = set().union(*(cc.all_labelled(fig) for fig in figures))
    assert labelled == {e.id for e in events if e.importance >= view.min_importance}
    for i, fig in enumerate(figures, 1):
        part = next(x for x in cc.texts(fig) if x.get_gid() == "part")
        assert part.get_text() == f"{i} of {n}"


def test_text_outputs_show_every_part_with_its_own_alt_text() -> None:
    """The Markdown shows each part's image in order, each with alt text naming the part;
    the HTML page, which scrolls, shows the chart in one piece (drawn at the wide size),
    described as a whole."""
    t = _load(SAMPLE)
    view = t.view("overview")
    out = render_view(t, view, RenderOptions(formats=("png", "md", "html"), dpi=72))
    n = sum(1 for name in out if name.endswith(".png"))
    assert n > 1
    md = out["overview.md"].decode()
    images = re.findall(r"\[!\[([^\]]*)\]\(([^)]*)\)\]", md)
    assert [target for _, target in images] == [
        "overview.png",
        *(f"overview-{i}.png" for i in range(2, n + 1)),
    ]
    for i, (alt, _) in enumerate(images, 1):
        assert alt.startswith(f"Part {i} of {n}. Timeline chart “The Syrian war, 2011–2024” from")
    page = out["overview.html"].decode()
    assert page.count('<figure class="chart"') == 1
    assert "Part 1 of" not in page
    width = SIZES["wide"].width_cm * PT_PER_CM
    assert re.search(rf'viewBox="0 [0-9.]+ {width:g} ', page)  # the wide size


def test_wide_never_splits() -> None:
    """At the wide size the sample overview is one chart, however tall."""
    t = _load(SAMPLE)
    view = t.view("overview")
    events = timeline.select(t, view)
    assert len(across_parts(t, view, events, RenderOptions(size="wide", dpi=72))) == 1
    assert across_fits(t, view, events, RenderOptions(size="wide"))


def test_across_fits_says_whether_one_part_holds_every_label() -> None:
    """across_fits is True exactly when the chart is drawn in one part with every label."""
    t = _load(SAMPLE)
    for name in t.view_names():
        view = t.view(name)
        events = timeline.select(t, view)
        for size in ("column", "page"):
            options = RenderOptions(size=size, dpi=72)
            fits = across_fits(t, view, events, options)
            assert fits == (len(across_parts(t, view, events, options)) == 1), (name, size)
    basic = _load(BASIC)
    view = basic.view("overview")
    assert across_fits(basic, view, timeline.select(basic, view), RenderOptions())


# -- the view keys ----------------------------------------------------------------------------


def test_view_size_key_sets_the_size_and_the_option_wins() -> None:
    """A view's ``size`` chooses its chart's destination; RenderOptions.size overrides it."""
    text = BASIC.read_bytes().replace(b"  overview:", b"  overview: {size: slide}\n  x:", 1)
    t = _load(text)
    view = t.view("overview")
    own = render_view(t, view, RenderOptions(formats=("svg",), dpi=72))
    assert svg_size(own["overview.svg"])[0] == pytest.approx(33.867 * PT_PER_CM, abs=0.01)
    other = render_view(t, view, RenderOptions(formats=("svg",), size="page", dpi=72))
    assert svg_size(other["overview.svg"])[0] == pytest.approx(24.0 * PT_PER_CM, abs=0.01)


def test_an_unknown_view_size_is_an_error_at_its_place() -> None:
    """A view size that is not a destination is reported at its line and column."""
    report = timeline.check_bytes(b"title: T\nevents: []\nviews:\n  v: {size: poster}\n", "t.yaml")
    assert [str(d) for d in report.errors] == [
        "t.yaml:4:13: error: 'size' must be one of column, page, slide, wide "
        "(hint: column is the default)"
    ]


def test_omit_below_leaves_events_out_of_chart_and_text() -> None:
    """A view's omit_below leaves less important events out of its chart and its text
    outputs; min_importance still only decides the labels."""
    data = (
        b"title: T\nevents:\n"
        b"  - {id: minor, date: 2020-01-02, title: A minor event, importance: 1}\n"
        b"  - {id: normal, date: 2020-06-02, title: An ordinary event}\n"
        b"  - {id: big, date: 2021-01-02, title: A milestone, importance: 3}\n"
        b"views:\n  v: {min_importance: 3, omit_below: 2}\n"
    )
    t = _load(data)
    view = t.view("v")
    assert [e.id for e in timeline.select(t, view)] == ["normal", "big"]
    out = render_view(t, view, RenderOptions(formats=("png", "md", "txt"), dpi=72))
    assert "A minor event" not in out["v.md"].decode()
    assert "A minor event" not in out["v.txt"].decode()
    assert "An ordinary event" in out["v.md"].decode()
    (fig,) = across_parts(t, view, timeline.select(t, view), RenderOptions(dpi=72))
    assert cc.all_labelled(fig) == {"big"}
    assert cc.marks(fig, "main") == 2


def test_omit_below_is_checked_like_min_importance() -> None:
    """omit_below must be 1, 2 or 3, reported at its place."""
    report = timeline.check_bytes(b"title: T\nevents: []\nviews:\n  v: {omit_below: 4}\n", "t.yaml")
    assert [str(d) for d in report.errors] == [
        "t.yaml:4:19: error: 'omit_below' must be 1, 2 or 3 (3 is a milestone)"
    ]


# -- the command line -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cm"),
    [("14.5cm", 14.5), ("145mm", 14.5), ("6in", 15.24), ("6", 15.24), ("432pt", 15.24)],
)
def test_width_takes_a_unit_and_a_bare_number_is_inches(text: str, cm: float) -> None:
    """--width reads cm, mm, in and pt; a bare number is inches, as it always was."""
    assert parse_width(text) == pytest.approx(cm)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--width", "nan"],
            "timeline: error: --width 'nan' is not a width; write a number and a unit: "
            "14.5cm, 145mm, 6in or 432pt (a bare number is inches)",
        ),
        (
            ["--width", "inf"],
            "timeline: error: --width 'inf' is not a width; write a number and a unit: "
            "14.5cm, 145mm, 6in or 432pt (a bare number is inches)",
        ),
        (
            ["--width=-3cm"],
            "timeline: error: --width '-3cm' is not a width; write a number and a unit: "
            "14.5cm, 145mm, 6in or 432pt (a bare number is inches)",
        ),
        (
            ["--width", "1e400"],
            "timeline: error: --width '1e400' is out of range; a chart is 5 to 100 cm wide",
        ),
        (
            ["--width", "0"],
            "timeline: error: --width '0' is out of range; a chart is 5 to 100 cm wide",
        ),
        (
            ["--size", "poster"],
            "timeline: error: unknown size 'poster' (hint: choose from column, page, slide, wide)",
        ),
        (
            ["--dpi", "10"],
            "timeline: error: --dpi 10 is out of range (hint: choose from 50 to 1200)",
        ),
    ],
)
@pytest.mark.parametrize("command", ["render", "watch"])
def test_bad_size_options_are_usage_errors(
    command: str, args: list[str], message: str, tmp_path: Path
) -> None:
    """An impossible --width, --size or --dpi exits 2 with one line saying why, writing
    nothing and watching nothing."""
    source = tmp_path / "timeline.yaml"
    source.write_bytes(BASIC.read_bytes())
    result = runner.invoke(app, [command, str(source), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == 2
    assert result.stderr.strip() == message
    assert not (tmp_path / "out").exists()


def test_render_size_and_width_options_reach_the_files(tmp_path: Path) -> None:
    """timeline render --size page --width 20cm --dpi 100 writes a 20 cm wide PNG at
    100 dpi."""
    source = tmp_path / "timeline.yaml"
    source.write_bytes(BASIC.read_bytes())
    out = tmp_path / "out"
    args = ["render", str(source), "-o", str(out), "--format", "png", "--size", "page"]
    result = runner.invoke(app, [*args, "--width", "20cm", "--dpi", "100"])
    assert result.exit_code == 0, result.output
    width, _, dpi = png_size((out / "overview.png").read_bytes())
    assert int(dpi) == 100
    assert width == pytest.approx(20.0 * PT_PER_CM, abs=0.72)


# -- into a document --------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_places_the_chart_at_its_own_size_in_a_docx(tmp_path: Path) -> None:
    """A DOCX made by pandoc from V.md places the column chart at its own physical size
    (914,400 EMU per inch), not scaled down to the text block."""
    t = _load(BASIC)
    out = render_view(t, t.view("overview"), RenderOptions(formats=("png", "md")))
    for name, data in out.items():
        (tmp_path / name).write_bytes(data)
    docx = tmp_path / "overview.docx"
    subprocess.run(
        ["pandoc", "overview.md", "-o", str(docx)], cwd=tmp_path, check=True, capture_output=True
    )
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode()
    (extent,) = re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"', xml)
    width, height, _ = png_size(out["overview.png"])
    assert int(extent[0]) == pytest.approx(width / 72 * 914400, abs=914400 / 300)
    assert int(extent[1]) == pytest.approx(height / 72 * 914400, abs=914400 / 300)


def test_render_removes_parts_a_chart_no_longer_has(tmp_path: Path) -> None:
    """When a view's chart needs fewer parts than at the last render, the parts that render
    wrote and that no longer exist are removed; files it did not write are left alone."""
    source = tmp_path / "timeline.yaml"
    source.write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    args = ["render", str(source), "-o", str(out), "--format", "svg", "--view", "overview"]
    assert runner.invoke(app, args).exit_code == 0
    parts = sorted(p.name for p in out.glob("overview-*.svg"))
    assert parts
    (out / "overview-99.svg").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, [*args, "--size", "wide"])
    assert result.exit_code == 0
    assert sorted(p.name for p in out.glob("overview*.svg")) == ["overview-99.svg", "overview.svg"]
    assert f"removed {out / parts[0]} (the chart has fewer parts now)" in result.stdout


def test_parts_stay_within_the_view() -> None:
    """Every part of a view with ``from`` shows nothing before it, even the part holding
    periods that began years earlier."""
    t = _load(SAMPLE)
    view = t.view("offensive")
    assert view.start is not None
    start = t.bounds(view.start)[0]
    figures = across_parts(t, view, timeline.select(t, view), RenderOptions(dpi=72))
    assert len(figures) > 1
    for fig in figures:
        plan = ch.part_plan(fig)
        assert plan.main is not None
        assert plan.main.scale.t0 >= start
        assert plan.main.scale.t1 - plan.main.scale.t0 >= 86400  # a readable span, not a blink
