"""Charts: layout (geometry, label placement, crowds, panels, parts) kept apart from drawing.

``_plan`` lays a view's chart out, ``_parts`` splits it when it is too tall for its size,
``_paint`` draws a plan as a Figure and ``_compose`` is the entry point (options, fonts,
saving); ``sizes`` says where a chart goes (width, maximum height, smallest type).
matplotlib is imported only by those modules, and only when a chart is drawn: importing
this package loads none of it.

The ``across`` chart (time running left to right) is offered to the rest of the program by
:func:`across_fits` and :func:`across_parts`. Their ``options`` are a
:class:`~timeline.render.chart._compose.ChartOptions`, or the render options of
:mod:`timeline.render` (anything with ``theme``, ``size``, ``width_cm``, ``dpi``,
``locale`` and ``extra``): the destination size comes from them, else from the view's
``size``, else ``column``.
The ``down`` chart (time top to bottom, lanes as narrow columns, labels in date order
beside them; ``_down``) is offered by :func:`down_parts`; the render outputs choose the
layout (``auto``: down when :func:`across_fits` says across does not fit).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from timeline.model import Event, Timeline, View
from timeline.query import Filter

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from timeline.render.chart._compose import ChartOptions
    from timeline.render.chart._down import DownOptions
    from timeline.render.chart._marks import Changed

__all__ = [
    "RenderSettings",
    "across_fits",
    "across_parts",
    "chart_options",
    "colour_pairs",
    "down_parts",
    "part_events",
    "part_until",
    "recoloured",
]


class RenderSettings(Protocol):
    """What a chart needs of the render options (``timeline.render.RenderOptions``)."""

    @property
    def theme(self) -> str: ...
    @property
    def size(self) -> str | None: ...
    @property
    def width_cm(self) -> float | None: ...
    @property
    def dpi(self) -> int: ...
    @property
    def locale(self) -> str | None: ...
    @property
    def extra(self) -> Filter: ...
    @property
    def changes(self) -> Changed | None: ...


def _chart_module() -> ModuleType:
    # Not named after the module: importing it sets the package attribute of that name.
    return importlib.import_module("timeline.render.chart._compose")


def chart_options(options: RenderSettings | ChartOptions, view: View) -> ChartOptions:
    """The chart options for ``view``: as given, or made from render options (the
    command line's size wins over the view's ``size``, which wins over ``column``)."""
    # The options' module imports no matplotlib (only its functions do).
    from timeline.render.chart._compose import DEFAULT_SIZE, ChartOptions

    if isinstance(options, ChartOptions):
        return options
    return ChartOptions(
        theme=options.theme,
        size=options.size or view.size or DEFAULT_SIZE,
        width_cm=options.width_cm,
        dpi=options.dpi,
        locale=options.locale,
        start=options.extra.start,
        stop=options.extra.stop,
        changed=options.changes,
    )


def across_fits(
    timeline: Timeline,
    view: View,
    events: Sequence[Event],
    options: RenderSettings | ChartOptions,
) -> bool:
    """True when the across chart gives every event at or above the view's label
    threshold its label, at the minimum type, within one part of the size's maximum
    height (always True for ``wide``). Plans the layout; draws nothing."""
    module = _chart_module()
    fits: bool = module.fits(timeline, view, events, options=chart_options(options, view))
    return fits


def across_parts(
    timeline: Timeline,
    view: View,
    events: Sequence[Event],
    options: RenderSettings | ChartOptions,
) -> list[Figure]:
    """The across chart, split into consecutive parts when it cannot hold every label
    within the size's maximum height (one figure when it can)."""
    module = _chart_module()
    parts: list[Figure] = module.chart_parts(
        timeline, view, events, options=chart_options(options, view)
    )
    return parts


def colour_pairs(timeline: Timeline, first: str, second: str) -> dict[str, str]:
    """Each colour a chart of ``timeline`` may draw in theme ``first``, with the same colour
    in theme ``second`` (for :func:`recoloured`)."""
    from timeline.render.chart._recolour import colour_pairs as pairs

    return pairs(timeline, first, second)


def recoloured(svg: str, pairs: dict[str, str]) -> str | None:
    """A chart's SVG drawn in one theme, in the colours of another (``pairs`` from
    :func:`colour_pairs`): what drawing it in that theme would give, without drawing it.
    None when a colour has no pair (then draw it)."""
    from timeline.render.chart._recolour import recoloured as done

    return done(svg, pairs)


def part_events(fig: Figure) -> list[Event] | None:
    """The events one part of a chart in parts shows, across or down (None for a figure
    not made here). A down part counts a period that runs on from an earlier part in the
    part where it starts only."""
    plan = _chart_module().part_plan(fig)
    if plan is not None:
        return list(plan.events)
    shows = _down_module().part_shows(fig)
    return None if shows is None else list(shows.events)


def part_until(fig: Figure) -> float | None:
    """The last instant (epoch seconds) one part of a down chart shows, when an event it
    counts runs on beyond it into a later part; None for a last part, an only part or an
    across figure."""
    shows = _down_module().part_shows(fig)
    return None if shows is None else shows.until


def _down_module() -> ModuleType:
    return importlib.import_module("timeline.render.chart._down")


def down_parts(
    timeline: Timeline, view: View, events: Sequence[Event], options: DownOptions
) -> list[Figure]:
    """The down chart of ``view`` showing ``events`` (selected and sorted): one Figure per
    part, in order (see ``docs/charts.md``).

    Raises :class:`~timeline.render.chart._text.MissingGlyphError` (an ``InvalidTimeline``
    with located diagnostics) when a text needs a character no installed font has.
    """
    from timeline.render.chart._down import down_chart

    return down_chart(timeline, view, events, options=options)
