"""Change tags on the charts: new and updated events carry a NEW or UPDATED tag before
their date line, across and down, in every theme, and the key explains the tags it uses;
the layout makes room for them (nothing overlaps, nothing is cut off)."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from matplotlib.figure import Figure

import timeline
from timeline import Timeline
from timeline.diff import RenderNotes
from timeline.render.chart._down import DownOptions, down_chart
from timeline.render.chart.sizes import SIZES

from . import chart_checks as cc
from .conftest import SAMPLE
from .test_chart_down import _problems as down_problems

ch: Any = importlib.import_module("timeline.render.chart._compose")

SAMPLE_T = timeline.load(SAMPLE)
SINCE = "v1 (26 November 2024)"


def _every_event_tagged(t: Timeline, view: str) -> RenderNotes:
    """Notes tagging every event of ``view``, new and updated in turn: the longest date
    lines the layout can be given."""
    events = timeline.select(t, t.view(view))
    return RenderNotes(SINCE, {e.id: ("new", "updated")[i % 2] for i, e in enumerate(events)})


def _by_gid(fig: Figure, name: str) -> list[str]:
    """The texts whose id is ``name``, or ``name`` numbered (``legend.text.3``)."""
    out = []
    for t in cc.texts(fig):
        gid = t.get_gid() or ""
        if gid == name or (gid.startswith(f"{name}.") and gid[len(name) + 1 :].isdigit()):
            out.append(" ".join(t.get_text().split()))
    return out


def _dates(fig: Figure) -> dict[str, str]:
    """Each labelled event's date line, by event id."""
    out = {}
    for t in cc.texts(fig):
        found = cc.event_id(t.get_gid())
        if found and found[1] == "date":
            out[found[0]] = " ".join(t.get_text().split())
    return out


def _across(t: Timeline, view: str, notes: RenderNotes | None, **options: Any) -> Figure:
    v = t.view(view)
    events = timeline.select(t, v)
    fig: Figure = ch.chart(t, v, events, options=ch.ChartOptions(changed=notes, **options))
    fig.canvas.draw()
    return fig


@pytest.mark.parametrize(
    ("view", "theme"),
    [("overview", "light"), ("offensive", "light"), ("offensive", "dark"), ("offensive", "print")],
)
def test_across_tags_every_changed_label_without_overlaps(view: str, theme: str) -> None:
    """Every labelled event of the sample tagged: each date line starts with its tag, every
    event at the threshold is still labelled, and nothing overlaps or leaves the figure."""
    notes = _every_event_tagged(SAMPLE_T, view)
    fig = _across(SAMPLE_T, view, notes, theme=theme)
    v = SAMPLE_T.view(view)
    wanted = {e.id for e in timeline.select(SAMPLE_T, v) if e.importance >= v.min_importance}
    assert cc.all_labelled(fig) == wanted
    dates = _dates(fig)
    assert set(dates) == wanted
    for eid, line in dates.items():
        assert line.startswith(f"{notes.marks[eid].upper()} · "), (eid, line)
    assert cc.problems(fig) == []
    assert "NEW, UPDATED: what changed since v1 (26 November 2024)" in _by_gid(fig, "legend.text")


def test_across_key_names_only_the_tags_drawn() -> None:
    """Only new events: the key explains NEW alone; tags on events the view does not
    label, or no tags at all, add no key entry and change no date line."""
    v = SAMPLE_T.view("offensive")
    events = timeline.select(SAMPLE_T, v)
    first = events[-1]
    fig = _across(SAMPLE_T, "offensive", RenderNotes(SINCE, {first.id: "new"}))
    assert "NEW: what changed since v1 (26 November 2024)" in _by_gid(fig, "legend.text")
    assert _dates(fig)[first.id].startswith("NEW · ")
    assert sum(line.startswith(("NEW", "UPDATED")) for line in _dates(fig).values()) == 1
    plain = _across(SAMPLE_T, "offensive", None)
    for notes in (RenderNotes(SINCE, {"not-in-this-view": "new"}), RenderNotes(SINCE)):
        fig = _across(SAMPLE_T, "offensive", notes)
        assert _by_gid(fig, "legend.text") == _by_gid(plain, "legend.text")
        assert _dates(fig) == _dates(plain)


def test_tags_are_in_the_charts_language() -> None:
    """A French chronology's tags and key entry are French."""
    text = SAMPLE.read_text(encoding="utf-8").replace("locale: en", "locale: fr")
    t = timeline.check_bytes(text.encode("utf-8"), "fr.yaml").timeline
    assert t is not None
    assert t.locale == "fr"
    fig = _across(t, "offensive", _every_event_tagged(t, "offensive"))
    assert any(line.startswith("NOUVEAU · ") for line in _dates(fig).values())
    assert any(line.startswith("MIS À JOUR · ") for line in _dates(fig).values())
    key = " ".join(_by_gid(fig, "legend.text"))
    assert "NOUVEAU, MIS À JOUR : ce qui a changé depuis v1" in key


def _down(view: str, notes: RenderNotes | None, **options: Any) -> list[Figure]:
    v = SAMPLE_T.view(view)
    events = timeline.select(SAMPLE_T, v)
    down = DownOptions(size=SIZES["column"], dpi=72, changed=notes, **options)
    return down_chart(SAMPLE_T, v, events, options=down)


@pytest.mark.parametrize("view", ["overview", "offensive"])
def test_down_tags_every_changed_label_and_keeps_its_promises(view: str) -> None:
    """Down the page, every tagged label starts with its tag, and the chart keeps every
    promise of the down chart (order, leaders, nothing overlapping or cut off); the key
    of each part explains the tags."""
    notes = _every_event_tagged(SAMPLE_T, view)
    figs = _down(view, notes)
    v = SAMPLE_T.view(view)
    events = timeline.select(SAMPLE_T, v)
    assert down_problems(SAMPLE_T, v, events, figs, SIZES["column"]) == []
    dates: dict[str, str] = {}
    for fig in figs:
        dates.update(_dates(fig))
        key = _by_gid(fig, "key.text")
        assert "NEW, UPDATED: what changed since v1 (26 November 2024)" in key
    assert dates
    for eid, line in dates.items():
        assert line.startswith(f"{notes.marks[eid].upper()} · "), (eid, line)


@pytest.mark.parametrize("theme", ["dark", "print"])
def test_down_tags_in_other_themes(theme: str) -> None:
    """The tags are words, so the dark and print down charts carry them too, and keep
    their promises."""
    notes = _every_event_tagged(SAMPLE_T, "offensive")
    figs = _down("offensive", notes, theme=theme)
    v = SAMPLE_T.view("offensive")
    events = timeline.select(SAMPLE_T, v)
    assert down_problems(SAMPLE_T, v, events, figs, SIZES["column"]) == []
    assert any(line.startswith("NEW · ") for f in figs for line in _dates(f).values())


def test_down_without_tags_drawn_has_no_key_entry() -> None:
    """Tags only on events the view does not show leave the down chart as without them."""
    notes = RenderNotes(SINCE, {"not-in-this-view": "updated"})
    tagged = _down("offensive", notes)
    plain = _down("offensive", None)
    for a, b in zip(tagged, plain, strict=True):
        assert ch.figure_bytes(a, "svg", dpi=72) == ch.figure_bytes(b, "svg", dpi=72)


def test_tagged_charts_are_deterministic() -> None:
    """Two renders with the same changes give identical PNG and SVG bytes, across and down."""
    notes = _every_event_tagged(SAMPLE_T, "offensive")
    one = [_across(SAMPLE_T, "offensive", notes), *_down("offensive", notes)]
    two = [_across(SAMPLE_T, "offensive", notes), *_down("offensive", notes)]
    for a, b in zip(one, two, strict=True):
        assert ch.figure_bytes(a, "png", dpi=72) == ch.figure_bytes(b, "png", dpi=72)
        assert ch.figure_bytes(a, "svg", dpi=72) == ch.figure_bytes(b, "svg", dpi=72)
