"""What one chart may cost: documented limits, checked before the work is done.

Drawing time and memory grow with the lanes a chart holds and with its size in pixels: 2,000
groups of one event each once made a PNG 219,222 pixels tall that took 50 s and 2.4 GB. The
limits here are far above what a readable chart needs, and each is checked before the work
it bounds: lanes and events before anything is laid out, the size before anything is
rasterised. A
chart over a limit raises :class:`ChartTooLarge`, whose message says which limit and how to
stay within it. ``docs/limits.md`` lists them.

This module imports nothing heavy: the pipeline checks lanes without loading matplotlib.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence, Sized

from timeline.errors import TimelineError
from timeline.model import Event, Timeline, View

__all__ = [
    "MAX_CHART_EVENTS",
    "MAX_HEIGHT_IN",
    "MAX_LANES",
    "MAX_PIXELS",
    "MAX_RENDER_EVENTS",
    "ChartTooLarge",
    "check_events",
    "check_lanes",
    "check_pixels",
    "check_size",
    "lane_count",
]

#: The most lanes (groups, plus one for events without a group) one chart draws.
MAX_LANES = 100
#: The most events one chart draws. A view's chart, its PNG and SVG and the HTML page that
#: shows it (light and dark) cost about 0.6 ms an event: one view of 10,000 events on one
#: date renders in every format in about 7 s, 20,000 took 13 s and 38,835 26 s (measured on
#: 2 cores). Far more events than a chart 14.5 cm wide can show apart.
MAX_CHART_EVENTS = 10_000
#: The most events the charts of one render draw together (a file of 50 views, each
#: showing the same 10,000 events, would take six minutes): 2 views of 10,000 events, or 6
#: of 3,000, render in every format in about 7.5 s on 2 cores (measured). It bounds views
#: times events, not the cost of each chart: 50 views of 400 events still take 39 s.
MAX_RENDER_EVENTS = 20_000
#: The tallest chart, in inches (25 m). A chart at the wide size is one piece as a rule and may be
#: tall (an HTML page shows it in one piece); one taller than this is broken input.
MAX_HEIGHT_IN = 1000.0
#: The most pixels the PNG chart of one view may have, all its parts together (width x
#: height at its resolution): the parts are drawn and encoded side by side, at about 11
#: bytes a pixel (166 million pixels in three parts peaked at 1.8 GB, measured). This keeps
#: a render under 1 GB.
MAX_PIXELS = 64_000_000


class ChartTooLarge(TimelineError):
    """A chart over one of the documented limits; nothing was drawn or written."""


def lane_count(timeline: Timeline, events: Iterable[Event]) -> int:
    """The lanes a chart of ``events`` needs: their groups, plus one when some (or all)
    events have none (as the chart lays them out)."""
    used = {e.group for e in events}
    groups = sum(1 for gid in timeline.groups if gid in used)
    return groups + (1 if None in used or not groups else 0)


def check_lanes(timeline: Timeline, view: View, events: Iterable[Event]) -> None:
    """Raise :class:`ChartTooLarge` when the chart of ``view`` would need more than
    :data:`MAX_LANES` lanes."""
    lanes = lane_count(timeline, events)
    if lanes > MAX_LANES:
        raise ChartTooLarge(
            f"the chart of view '{view.name}' would need {lanes:,} lanes; a chart holds at most "
            f"{MAX_LANES} (hint: select fewer groups with the view's 'groups', or render "
            "only text with --format md,txt)"
        )


def check_events(views: Sequence[View], events: Sequence[Sized]) -> None:
    """Raise :class:`ChartTooLarge` when the chart of one of ``views`` would draw more than
    :data:`MAX_CHART_EVENTS` events, or all their charts together more than
    :data:`MAX_RENDER_EVENTS` (``events``: the ones each view selects, in order)."""
    hint = (
        "narrow the view with 'from', 'to', 'groups', 'tags' or 'min_importance', or render "
        "only text with --format md,txt"
    )
    for view, shown in zip(views, events, strict=True):
        if len(shown) > MAX_CHART_EVENTS:
            raise ChartTooLarge(
                f"the chart of view '{view.name}' would draw {len(shown):,} events; a chart "
                f"draws at most {MAX_CHART_EVENTS:,} (hint: {hint})"
            )
    total = sum(len(shown) for shown in events)
    if total > MAX_RENDER_EVENTS:
        raise ChartTooLarge(
            f"the charts of {len(views)} views would draw {total:,} events together; one "
            f"render draws at most {MAX_RENDER_EVENTS:,} (hint: render fewer views with "
            f"--view, {hint.replace('the view', 'the views')})"
        )


def check_pixels(sizes: list[tuple[float, float]], dpi: float, view: str) -> None:
    """Raise :class:`ChartTooLarge` when the PNG parts of a view's chart (their sizes in
    inches) would have more than :data:`MAX_PIXELS` pixels together."""
    pixels = sum(w * dpi * h * dpi for w, h in sizes)
    if pixels > MAX_PIXELS:
        parts = f" in {len(sizes)} parts" if len(sizes) > 1 else ""
        raise ChartTooLarge(
            f"the PNG chart of view '{view}' would have {pixels:,.0f} pixels{parts}; the limit "
            f"is {MAX_PIXELS:,} (hint: lower --dpi, or render svg or pdf)"
        )


def check_size(width_in: float, height_in: float, dpi: float, *, raster: bool) -> None:
    """Raise :class:`ChartTooLarge` (or ValueError for sizes that are not numbers) when a
    chart of this size may not be made: taller than :data:`MAX_HEIGHT_IN`, or, for a
    raster image (``raster``), more than :data:`MAX_PIXELS` pixels."""
    for name, value in (("width", width_in), ("height", height_in), ("dpi", dpi)):
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"chart {name} must be a positive number, not {value!r}")
    if height_in > MAX_HEIGHT_IN:
        raise ChartTooLarge(
            f"the chart would be {height_in:,.0f} inches tall; the limit is {MAX_HEIGHT_IN:,.0f} "
            "(hint: narrow the view with 'from', 'to' or 'groups')"
        )
    pixels = (width_in * dpi) * (height_in * dpi)
    if raster and pixels > MAX_PIXELS:
        raise ChartTooLarge(
            f"the PNG chart would have {pixels:,.0f} pixels; the limit is {MAX_PIXELS:,} "
            "(hint: lower --dpi or --width)"
        )
