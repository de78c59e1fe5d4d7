"""A region of the chart: the main timeline or a detail panel, with its lanes, eras and axis.

Top to bottom a region is: a band of era titles, one block per lane, and the time axis; the
lane names stand in a gutter on the left, each with its colour swatch, which makes them the
colour legend too. Eras are shaded behind everything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from timeline.model import Event, Timeline
from timeline.render.chart._axis import Scale, Tick, choose_ticks
from timeline.render.chart._dense import DENSE_ABOVE, LaneDensity, Slices, count, slices_for
from timeline.render.chart._draw import Painter, blend, marker_path, rgba
from timeline.render.chart._geometry import LabelSize, LaneLayout, Mark, Metrics, Spans
from timeline.render.chart._layout import layout_lane
from timeline.render.chart._marks import Lane, Span, build_marks, lanes_of
from timeline.render.chart._text import Measurer
from timeline.render.chart._theme import SIZES, LaneStyle, Theme

if TYPE_CHECKING:
    import numpy as np

__all__ = ["EraBand", "Region", "draw_region", "plan_region"]

_ERA_ROW = 10.0
_GUTTER_GAP = 8.0
_TICK = 4.0


@dataclass(frozen=True, slots=True)
class EraBand:
    """An era on one region: its shaded span and, when it fits, its title."""

    x0: float
    x1: float
    fill: tuple[float, float, float, float]
    title: str
    title_row: int | None  # None: no room for the title


@dataclass
class Region:
    """Everything one region draws, laid out; heights in points."""

    name: str
    scale: Scale
    lanes: list[Lane]
    styles: list[LaneStyle]
    layouts: list[LaneLayout]
    marks: list[Mark]
    ticks: list[Tick]
    eras: list[EraBand]
    era_rows: int
    #: Each lane's name, wrapped to the gutter (empty when the chronology has no groups).
    names: list[str]
    name_heights: list[float]
    gutter: float  # x where the lane names start
    caption: str | None = None
    #: x-ranges (points) the axis labels must leave free, for the detail connectors.
    keep_clear: list[tuple[float, float]] = field(default_factory=list)
    #: In a dense region: the slices its strips count in, and each lane's counts.
    slices: Slices | None = None
    counts: list[np.ndarray] = field(default_factory=list)
    #: Shades the strips use: the same in every region of a chart, set before drawing.
    levels: int = 0

    @property
    def most(self) -> int:
        """The most events any slice of this region's strips holds (0 if not dense)."""
        return max((int(c.max()) for c in self.counts if len(c)), default=0)

    @property
    def dropped(self) -> int:
        return sum(lay.dropped for lay in self.layouts)

    def lane_height(self, i: int) -> float:
        return max(self.layouts[i].height, self.name_heights[i] + 6.0)

    @property
    def lanes_height(self) -> float:
        return sum(self.lane_height(i) for i in range(len(self.layouts)))

    @property
    def top_band(self) -> float:
        caption = 16.0 if self.caption else 0.0
        return caption + (self.era_rows * _ERA_ROW + 3.0 if self.era_rows else 4.0)

    @property
    def height(self) -> float:
        """From the top of the region to the bottom of its axis labels."""
        return self.top_band + self.lanes_height + _TICK + 26.0


def plan_region(
    name: str,
    timeline: Timeline,
    events: Sequence[Event],
    scale: Scale,
    threshold: int,
    *,
    theme: Theme,
    measurer: Measurer,
    metrics: Metrics,
    measure: Callable[[Mark, float], LabelSize | None],
    locale: str,
    other_label: str,
    gutter: float,
    styles_by_group: dict[str | None, LaneStyle],
    skip: Callable[[Event], bool] = lambda e: False,
    marks: list[Mark] | None = None,
    spans: dict[int, Span] | None = None,
    dense_above: int = DENSE_ABOVE,
) -> Region:
    """Lay out a region's lanes, eras and ticks (nothing is drawn yet).

    Lane names go between ``gutter`` and the scale's left edge (none when the chronology
    has no groups); ``styles_by_group`` keeps a group's colour the same in every region.
    With more than ``dense_above`` events the region is dense (see ``_chart_dense``).
    """
    lanes = lanes_of(timeline, events)
    styles = [styles_by_group[g.id if g is not None else None] for g in lanes]
    if marks is None:
        marks = build_marks(
            timeline, events, scale, lanes, threshold, metrics, SIZES.marker, spans=spans
        )
    by_lane: list[list[Mark]] = [[] for _ in lanes]
    for mark in marks:
        by_lane[mark.lane].append(mark)
    skipped = frozenset(id(k) for k in marks if skip(k.event))
    layouts = [
        layout_lane(lane_marks, measure, scale.left, scale.right, metrics, skip_labels=skipped)
        for lane_marks in by_lane
    ]
    eras, rows = _eras(timeline, scale, theme, measurer)
    names, heights = [], []
    room = scale.left - _GUTTER_GAP - gutter - _SWATCH
    for lane in lanes if timeline.groups else []:
        label = lane.label if lane is not None else other_label
        text = "\n".join(measurer.wrap(label, room, SIZES.lane, True))
        names.append(text)
        heights.append(measurer.box(text, SIZES.lane, True)[1])
    if not timeline.groups:
        names, heights = [""] * len(lanes), [0.0] * len(lanes)
    region = Region(
        name,
        scale,
        lanes,
        styles,
        layouts,
        marks,
        choose_ticks(scale, timeline.tz, locale),
        eras,
        rows,
        names,
        heights,
        gutter,
    )
    if len(events) > dense_above:
        region.slices = slices_for(scale)
        for layout in layouts:
            labelled = {id(lb.mark) for lb in layout.labels}
            xs = [k.x for k in layout.marks if not k.bar and id(k) not in labelled]
            region.counts.append(count(region.slices, xs))
    return region


def _eras(
    timeline: Timeline, scale: Scale, theme: Theme, measurer: Measurer
) -> tuple[list[EraBand], int]:
    """The eras visible on ``scale``, shaded in alternating tints, with their titles placed in
    the fewest rows (at most three) where none overlaps another."""
    rows: list[Spans] = []
    out = []
    visible = 0
    for era in timeline.eras:
        lo, hi = timeline.bounds(era.when)
        x0, x1 = max(scale.x(lo), scale.left), min(scale.x(hi), scale.right)
        if x1 <= x0:
            continue
        if era.color:
            fill = blend(era.color, theme.background, 0.16)
        else:
            fill = rgba(theme.era_fills[visible % len(theme.era_fills)])
        visible += 1
        w = measurer.width(era.title, SIZES.era, italic=True)
        a = min(x0 + 3.0, scale.right - w)
        row = None
        # A title far wider than its era would seem to name its neighbour: leave it out.
        if a >= scale.left and x1 - x0 >= 0.3 * w:
            for i in range(3):
                if i == len(rows):
                    rows.append(Spans())
                if not rows[i].hits(a, a + w, 6.0):
                    rows[i].add(a, a + w)
                    row = i
                    break
        out.append(EraBand(x0, x1, fill, era.title, row))
    used = 1 + max((e.title_row for e in out if e.title_row is not None), default=-1)
    return out, used


def draw_region(painter: Painter, region: Region, top: float) -> tuple[float, float]:
    """Draw ``region`` with its top edge at ``top``; returns the y of its axis line and of
    its bottom edge."""
    from matplotlib.collections import LineCollection, PolyCollection

    ax, theme, s = painter.ax, painter.theme, region.scale
    axis_y = top - region.top_band - region.lanes_height
    lanes_top = top - region.top_band
    if region.eras:
        verts = [[(e.x0, axis_y), (e.x1, axis_y), (e.x1, top), (e.x0, top)] for e in region.eras]
        ax.add_collection(
            PolyCollection(
                verts,
                facecolors=[e.fill for e in region.eras],
                edgecolors="none",
                zorder=0.5,
                gid=f"{region.name}.eras",
            ),
            autolim=False,
        )
        band_top = top - (16.0 if region.caption else 0.0)
        for era in region.eras:
            if era.title_row is None:
                continue
            x = min(era.x0 + 3.0, s.right - painter.measurer.width(era.title, SIZES.era, True))
            painter.text(
                x,
                band_top - 2.0 - era.title_row * _ERA_ROW,
                era.title,
                SIZES.era,
                italic=True,
                color=theme.muted,
                gid=f"{region.name}.era",
            )
    grid = [[(t.x, axis_y), (t.x, lanes_top)] for t in region.ticks]
    if grid:
        ax.add_collection(
            LineCollection(
                grid,
                colors=[rgba(theme.grid)],
                linewidths=[0.5],
                zorder=0.8,
                gid=f"{region.name}.grid",
            ),
            autolim=False,
        )
    y = lanes_top
    separators = []
    for i, (layout, style) in enumerate(zip(region.layouts, region.styles, strict=True)):
        if i:
            separators.append([(region.gutter, y), (s.right, y)])
        if region.names[i]:
            _name(painter, region, i, style, y)
        bottom = y - region.lane_height(i)
        dense = None
        if region.slices is not None:
            dense = LaneDensity(region.slices, region.counts[i], region.levels)
        painter.lane(region.name, layout, style, bottom, s.left, s.right, dense)
        y = bottom
    if separators:
        ax.add_collection(
            LineCollection(
                separators,
                colors=[rgba(theme.separator)],
                linewidths=[0.6],
                zorder=1.0,
                gid=f"{region.name}.separators",
            ),
            autolim=False,
        )
    bottom = _axis(painter, region, axis_y)
    return axis_y, bottom


_SWATCH = 11.0


def _name(painter: Painter, region: Region, i: int, style: LaneStyle, top: float) -> None:
    """A lane's name in the gutter, after a swatch of its colour (and, in print, shape)."""
    size = SIZES.marker
    x = region.gutter
    painter.collection(
        f"{region.name}.swatch",
        marker_path(style.shape if painter.theme.greyscale else "s"),
        [(x + size / 2, top - 3.0 - 5.5)],
        [size * size],
        [rgba(style.color)],
        [rgba(style.color)],
        [0.0],
        zorder=4.0,
    )
    painter.text(
        x + _SWATCH, top - 3.0, region.names[i], SIZES.lane, bold=True, gid=f"{region.name}.lane"
    )


def _axis(painter: Painter, region: Region, axis_y: float) -> float:
    """The axis line, ticks and their labels (dropping any that would collide)."""
    from matplotlib.collections import LineCollection

    theme, s, meas = painter.theme, region.scale, painter.measurer
    ticks = [[(t.x, axis_y), (t.x, axis_y - _TICK)] for t in region.ticks]
    painter.ax.add_collection(
        LineCollection(
            [[(s.left, axis_y), (s.right, axis_y)], *ticks],
            colors=[rgba(theme.faint)],
            linewidths=[0.7],
            zorder=1.5,
            gid=f"{region.name}.axis",
        ),
        autolim=False,
    )
    rows = (Spans(), Spans())
    for a, b in region.keep_clear:
        rows[0].add(a, b)
        rows[1].add(a, b)
    label_top = axis_y - _TICK - 1.5
    for t in region.ticks:
        for row, (text, bold) in enumerate(((t.label, False), (t.context, True))):
            if text is None:
                continue
            w = meas.width(text, SIZES.tick, bold)
            if t.span:
                a = t.x + 2.5
            elif row == 0:
                a = t.x - w / 2
            else:
                # A clock time is centred on its tick; the date under it starts where the
                # time starts, and is kept inside the axis, so the first one always shows.
                a = max(t.x - meas.width(t.label, SIZES.tick) / 2, s.left)
            if a < s.left - 2.0 or a + w > s.right + 8.0 or rows[row].hits(a, a + w, 6.0):
                continue
            rows[row].add(a, a + w)
            painter.text(
                a,
                label_top - row * 11.0,
                text,
                SIZES.tick,
                bold=bold,
                color=theme.text if bold else theme.muted,
                gid=f"{region.name}.tick",
            )
    return axis_y - _TICK - 26.0
