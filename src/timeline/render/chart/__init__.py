"""Charts: layout (geometry, label placement, crowds, panels) kept apart from drawing.

Two layouts: ``across`` (time left to right, lanes as rows; ``_compose`` builds its Figure
from the plan) and ``down`` (time top to bottom, lanes as narrow columns, labels in date
order beside them; ``_down``), each one Figure per part. ``sizes`` says where a chart goes
(width, maximum height, smallest type). The render outputs build each chart's options and
choose the layout (``auto``: down when :func:`across_fits` says across does not fit).
matplotlib is imported only here and only when a chart is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from timeline.model import Event, Timeline, View

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from timeline.render.chart._compose import ChartOptions
    from timeline.render.chart._down import DownOptions
    from timeline.render.chart.sizes import Size

__all__ = ["across_fits", "across_parts", "down_parts"]


def across_fits(
    timeline: Timeline,
    view: View,
    events: Sequence[Event],
    options: ChartOptions,
    size: Size,
) -> bool:
    """True when the across chart gives every event at or above the view's label threshold
    its label within one part of ``size``'s maximum height (always for a size without
    one)."""
    from timeline.render.chart import _compose

    if size.max_height_in is None:
        return True
    fig = _compose.chart(timeline, view, events, options=options)
    # Drawn to find out; kept for across_parts, which would draw the very same figure.
    _drawn.clear()
    _drawn[_key(timeline, view, events, options)] = fig
    if fig.get_size_inches()[1] > size.max_height_in + 1e-6:
        return False
    wanted = {e.id for e in events if e.importance >= view.min_importance}
    drawn = set()
    for text in fig.axes[0].texts:
        _, found, rest = (text.get_gid() or "").partition(".label.")
        if found:
            drawn.add(rest)
    return wanted <= drawn


def across_parts(
    timeline: Timeline, view: View, events: Sequence[Event], options: ChartOptions
) -> list[Figure]:
    """The across chart of ``view``: one Figure per part."""
    from timeline.render.chart import _compose

    fig = _drawn.pop(_key(timeline, view, events, options), None)
    _drawn.clear()
    if fig is None:
        fig = _compose.chart(timeline, view, events, options=options)
    return [fig]


#: The across chart :func:`across_fits` last drew, by what it showed.
_drawn: dict[tuple[int, View, tuple[str, ...], ChartOptions], Figure] = {}


def _key(
    timeline: Timeline, view: View, events: Sequence[Event], options: ChartOptions
) -> tuple[int, View, tuple[str, ...], ChartOptions]:
    return (id(timeline), view, tuple(e.id for e in events), options)


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
