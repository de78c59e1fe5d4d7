"""Drawing a planned chart: a :class:`~timeline.render.chart._plan.Plan` becomes a
matplotlib Figure of exactly its destination's width and its planned height.

The figure is one invisible axes whose data units are points, ``y = 0`` at the top edge,
drawn top to bottom in the order the plan measured: header, key, main timeline, detail
panels, footer.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from timeline.render.chart._colours import cached_colours
from timeline.render.chart._draw import Painter
from timeline.render.chart._legend import draw_legend
from timeline.render.chart._panels import draw_frame, draw_funnel
from timeline.render.chart._plan import _BOTTOM, _FUNNEL, _PANEL_GAP, _TOP, Plan, Planner, TextBlock
from timeline.render.chart._region import draw_region
from timeline.render.chart._text import HINTING, shared_heights, shared_metrics
from timeline.render.chart.limits import check_size

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure

__all__ = ["chart_axes", "paint"]


def paint(planner: Planner, plan: Plan, dpi: float) -> Figure:
    """The figure of ``plan``: its destination's width, the plan's height, at ``dpi``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    width, height = plan.width, plan.height
    check_size(width / 72.0, height / 72.0, dpi, raster=False)  # the plan, before any drawing
    size = (width / 72.0, height / 72.0)
    fig = _chart_figure()(figsize=size, dpi=dpi, facecolor=planner.theme.background)
    FigureCanvasAgg(fig)
    ax = chart_axes(fig)
    ax.set_xlim(0.0, width)
    ax.set_ylim(-height, 0.0)
    painter = Painter(ax, planner.theme, planner.meas, planner.metrics, planner.locale, planner.sz)
    _draw(planner, plan, painter)
    _finish(ax)
    return fig


@functools.cache
def _chart_figure() -> type[Figure]:
    """The class of a chart's figure (made when matplotlib is first needed)."""
    import matplotlib
    from matplotlib.figure import Figure

    class ChartFigure(Figure):
        """A figure whose text is drawn as the layout measured it, unhinted, whatever the
        hinting setting of the program that draws or saves it: hinted at a low resolution,
        a label could come out wider than its place and run into its neighbour."""

        def draw(self, renderer: RendererBase) -> None:
            with (
                matplotlib.rc_context({"text.hinting": HINTING}),
                shared_metrics(),
                shared_heights(renderer, self.dpi),
                cached_colours(),
            ):
                super().draw(renderer)

    return ChartFigure


def chart_axes(fig: Figure) -> Axes:
    """The chart's one invisible axes, filling ``fig``: see :func:`_chart_axes`."""
    ax: Axes = fig.add_axes((0.0, 0.0, 1.0, 1.0), axes_class=_chart_axes())
    ax.set_axis_off()
    return ax


@functools.cache
def _chart_axes() -> type[Axes]:
    """The class of a chart's axes (made when matplotlib is first needed).

    Its artists are never clipped (:func:`_finish` turns clipping off), yet matplotlib
    gives every artist added to an axes a clip box of its own, built from the axes' frame:
    several transforms per text, patch and collection, a good part of the time it takes to
    build a chart. Here they all share one clip path, made once, and the files are the same.
    """
    from matplotlib.axes import Axes
    from matplotlib.transforms import TransformedPatchPath

    class ChartAxes(Axes):
        _shared_clip: TransformedPatchPath | None = None

        def _clip(self, artist: Artist) -> None:
            if artist.get_clip_path() is None:
                if self._shared_clip is None:
                    self._shared_clip = TransformedPatchPath(self.patch)
                artist.set_clip_path(self._shared_clip)

        def add_artist(self, a: Any) -> Any:
            self._clip(a)
            return super().add_artist(a)

        def add_collection(self, collection: Any, autolim: Any = True) -> Any:
            self._clip(collection)
            return super().add_collection(collection, autolim)

        def add_line(self, line: Any) -> Any:
            self._clip(line)
            return super().add_line(line)

        def add_patch(self, p: Any) -> Any:
            self._clip(p)
            return super().add_patch(p)

        def text(self, x: Any, y: Any, s: Any, fontdict: Any = None, **kwargs: Any) -> Any:
            if kwargs.get("clip_path") is None:
                if self._shared_clip is None:
                    self._shared_clip = TransformedPatchPath(self.patch)
                kwargs["clip_path"] = self._shared_clip
            return super().text(x, y, s, fontdict, **kwargs)

    return ChartAxes


def _draw(planner: Planner, plan: Plan, painter: Painter) -> None:
    sz, k, theme = planner.sz, planner.sz.k, planner.theme
    left, inner = planner.margin, planner.inner
    y = -_TOP * k
    _blocks(planner, painter, plan.header, y)
    y -= plan.header_height
    if plan.items:
        y -= 4.0 * k
        draw_legend(painter, plan.items, left, y, inner)
        y -= plan.legend_height
    y -= 12.0 * k
    main = plan.main
    if main is None:
        painter.text(left, y, planner.words.empty, sz.label, color=theme.muted)
        y -= 24.0 * k
    else:
        main_top = y
        axis_y, y = draw_region(painter, main, y)
        if plan.panel_rows:
            y -= _FUNNEL * k if plan.funnels else _PANEL_GAP * k
        for i, row in enumerate(plan.panel_rows):
            if i:
                y -= _PANEL_GAP * k / 2
            bottom = y - 8.0 * k - max(p.region.height for p in row)
            for p in row:
                if plan.funnels:
                    labels_bottom = axis_y - main.axis_height
                    lanes_top = main_top - main.top_band
                    draw_funnel(
                        painter, lanes_top, axis_y, labels_bottom, y, p.hx0, p.hx1, p.x0, p.x1
                    )
                else:
                    _highlight(painter, main_top - main.top_band, axis_y, p.hx0, p.hx1)
                draw_region(painter, p.region, y - 4.0 * k)
                draw_frame(painter, p.region.name, p.x0, p.x1, y, bottom, p.region.caption or "")
            y = bottom
    y -= 10.0 * k
    _blocks(planner, painter, plan.footer, y)
    y -= plan.footer_height + _BOTTOM * k
    assert abs(-y - plan.height) < 0.01, (y, plan.height)


def _blocks(planner: Planner, painter: Painter, blocks: list[TextBlock], top: float) -> None:
    """Header or footer texts, from the start of the line (the right margin in a
    right-to-left language); the part number at its end."""
    rtl = planner.rtl()
    start, end = planner.margin, planner.width - planner.margin
    theme = planner.theme
    for b in blocks:
        at_start = b.at_end == rtl
        painter.text(
            start if at_start else end,
            top - b.dy,
            b.text,
            b.size,
            bold=b.bold,
            color=theme.muted if b.muted else None,
            ha="left" if at_start else "right",
            gid=b.gid,
        )


def _highlight(painter: Painter, lanes_top: float, axis_y: float, hx0: float, hx1: float) -> None:
    """The span a stacked detail panel magnifies, shaded on the main axis."""
    from matplotlib.collections import PolyCollection

    from timeline.render.chart._draw import blend

    theme = painter.theme
    painter.ax.add_collection(
        PolyCollection(
            [[(hx0, axis_y), (hx1, axis_y), (hx1, lanes_top), (hx0, lanes_top)]],
            facecolors=[blend(theme.highlight, theme.background, 0.9)],
            edgecolors=[blend(theme.connector, theme.background, 0.6)],
            linewidths=[0.6 * painter.sz.k],
            zorder=0.7,
            gid="detail.highlight",
        ),
        autolim=False,
    )


def _finish(ax: Axes) -> None:
    """Give every artist an id of its own and turn clipping off.

    Ids: an SVG id must be unique in its file, so a name drawn more than once (each lane's
    name, each tick) is numbered in drawing order: ``main.tick.1``, ``main.tick.2``... An
    event's ids (``ev:<id>:mark``, ``ev:<id>:label``, ``ev:<id>:date``) keep their name
    the first time; a second mark (on the main axis and in a detail panel) is ``.2``.
    Clipping: everything lies inside the figure, and a clip path on every element would
    only make SVG and PDF files bigger and slower to write and display.
    """
    artists = ax.get_children()
    seen: dict[str, int] = {}
    for artist in artists:
        gid = artist.get_gid()
        if gid:
            seen[gid] = seen.get(gid, 0) + 1
    numbered: dict[str, int] = {}
    for artist in artists:
        artist.set_clip_on(False)
        gid = artist.get_gid()
        if gid and seen[gid] > 1:
            numbered[gid] = numbered.get(gid, 0) + 1
            n = numbered[gid]
            if gid.startswith("ev:"):
                if n > 1:
                    artist.set_gid(f"{gid}.{n}")
            else:
                artist.set_gid(f"{gid}.{n}")
