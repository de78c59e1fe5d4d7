"""Charts of generated, awkward chronologies: what must hold at every size.

Bursts of a dozen events inside decades, pairs of events a day apart over thirty years,
many events of one day in one lane, long titles, Arabic, from 1 to 150 events to label.
"""

from __future__ import annotations

import importlib
import json
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from timeline.render import RenderOptions
from timeline.render.chart import across_parts, part_events
from timeline.render.chart.sizes import SIZES
from timeline.render.outputs import chart_options

from . import chart_checks as cc

ch: Any = importlib.import_module("timeline.render.chart._compose")

_WORDS = st.sampled_from(
    [
        "Talks",
        "collapse",
        "after",
        "a",
        "long",
        "night",
        "in",
        "the",
        "capital's",
        "rebels",
        "$5",
        "ceasefire",
        "extraordinarily",
        "protracted",
        "negotiations",
        "مفاوضات",
        "العاصمة",
        "Ζ",
        "Supercalifragilisticexpialidocious",
    ]
)


@st.composite
def _title(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORDS, min_size=1, max_size=draw(st.sampled_from([4, 4, 40]))))
    return " ".join(words)[:290].strip()


@st.composite
def _chronology(draw: st.DrawFn) -> bytes:
    """A chronology of one of four awkward kinds, mixed with ordinary events."""
    lo = draw(st.integers(1950, 1995))
    hi = lo + draw(st.integers(8, 30))
    groups = draw(st.integers(0, 3))
    lines = ["title: Generated", f"as_of: {hi + 1}-06-30"]
    if groups:
        lines.append("groups:")
        lines += [f"  g{i}: {{label: Group {i}}}" for i in range(1, groups + 1)]
    lines.append("events:")
    events: list[str] = []
    target = draw(st.integers(1, 150))

    def add(date: str, group: int) -> None:
        fields = [f"date: '{date}'", f"title: {json.dumps(draw(_title()))}"]
        fields.append(f"importance: {draw(st.integers(1, 3))}")
        fields.append(f"certainty: {draw(st.sampled_from(['reported', 'claimed', 'disputed']))}")
        if group:
            fields.append(f"group: g{group}")
        events.append("  - {" + ", ".join(fields) + "}")

    while len(events) < target:
        kind = draw(st.sampled_from(["burst", "pairs", "same day", "ordinary"]))
        group = draw(st.integers(0, groups))
        year = draw(st.integers(lo, hi))
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, 27))
        if kind == "burst":  # a dozen events within a week inside the decades
            for i in range(min(12, target - len(events))):
                time = f"T{(5 * i) % 24:02d}:15" if i % 3 else ""
                add(f"{year}-{month:02d}-{day + i % 2:02d}{time}", draw(st.integers(0, groups)))
        elif kind == "pairs":  # two events a day apart
            add(f"{year}-{month:02d}-{day:02d}", group)
            add(f"{year}-{month:02d}-{day + 1:02d}", group)
        elif kind == "same day":  # many events of one day in one lane
            for _ in range(min(draw(st.integers(2, 10)), target - len(events))):
                add(f"{year}-{month:02d}-{day:02d}", group)
        else:
            date = draw(
                st.sampled_from(
                    [
                        f"{year}",
                        f"{year}-{month:02d}",
                        f"{year}-{month:02d}-{day:02d}",
                        f"{year}-{month:02d}~",
                        f"{year}-{month:02d}/{min(hi, year + 2)}",
                        f"{year}/..",
                        f"{year}-{month:02d}-{day:02d}/",
                    ]
                )
            )
            add(date, group)
    lines += events[:target]
    lines += ["views:", f"  v: {{min_importance: {draw(st.integers(1, 3))}}}"]
    return "\n".join(lines).encode()


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_chronology(), st.sampled_from(list(SIZES)))
def test_every_label_in_parts_that_fit_with_nothing_overlapping(data: bytes, size: str) -> None:
    """At any size: every event at or above the threshold is labelled (up to 150), in parts
    each a complete chart in order, within the size's width and maximum height, with no
    text overlapping or clipped, no label over a mark, no stem through a label, no marker
    hidden, and no type below the size's minimum at the final size."""
    report = timeline.check_bytes(data, "generated.yaml")
    assert report.timeline is not None
    assert not report.errors, [str(d) for d in report.errors]
    t = report.timeline
    view = t.view("v")
    events = timeline.select(t, view)
    wanted = {e.id for e in events if e.importance >= view.min_importance}
    destination = SIZES[size]
    figures = across_parts(t, view, events, RenderOptions(size=size, dpi=72))
    if destination.max_height_cm is None and len(figures) > 1:
        # No height limit: split only when one chart could not label every event.
        drawing = chart_options(RenderOptions(size=size, dpi=72), view)
        with ch._planning(t, view, events, drawing) as planner:
            assert planner.plan(list(events)).dropped > 0
    shown = [e.id for fig in figures for e in part_events(fig) or events]
    assert shown == [e.id for e in events]
    labelled: set[str] = set()
    for fig in figures:
        width, height = fig.get_size_inches()
        assert width * 2.54 == destination.width_cm
        if len(figures) > 1:
            assert destination.max_height_cm is not None
            assert height * 2.54 <= destination.max_height_cm + 1e-6
        fig.canvas.draw()
        assert cc.problems(fig) == []
        labelled |= cc.all_labelled(fig)
        svg = ch.figure_bytes(fig, "svg", dpi=72).decode()
        assert min(cc.svg_font_sizes(svg)) >= destination.small_pt
        titles = re.findall(
            r'<g id="ev:[^"]+:label">\s*<text style="[^"]*font-size: ([0-9.]+)px', svg
        )
        assert all(float(x) >= destination.label_pt for x in titles)
    assert labelled == wanted
