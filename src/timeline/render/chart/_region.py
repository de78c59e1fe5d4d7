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
from timeline.render.chart._draw import ONE_BY_ONE, Painter, blend, marker_path, rgba
from timeline.render.chart._geometry import LabelSize, LaneLayout, Mark, Metrics, Spans
from timeline.render.chart._layout import corner_free, layout_lane
from timeline.render.chart._marks import Lane, Span, build_marks, lanes_of
from timeline.render.chart._text import Measurer
from timeline.render.chart._theme import LaneStyle, Sizes, Theme

if TYPE_CHECKING:
    import numpy as np

__all__ = ["EraBand", "Region", "draw_region", "plan_region"]

# Fixed distances, in points at the default type sizes (scaled with them).
_ERA_ROW = 10.0
_GUTTER_GAP = 8.0
_TICK = 4.0
_TICK_ROW = 11.0  # from one row of axis labels to the next
_AXIS_LABELS = 26.0  # room the axis labels take under the ticks
_CAPTION = 16.0
_SWATCH = 11.0


@dataclass(frozen=True, slots=True)
class EraBand:
    """An era on one region: its shaded span and, when it fits, its title."""

    x0: float
    x1: float
    fill: tuple[float, float, float, float]
    title: str
    title_row: int | None  # None: no room for the title
    #: The title is set in italics (unless the italic face lacks one of its characters).
    italic: bool = True


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
    sz: Sizes
    #: Lane names stand at the top of each lane (narrow charts) instead of in a gutter:
    #: in the lane's empty top-left corner where it has one (``inline``), else in a row
    #: of their own above it.
    headers: bool = False
    inline: list[bool] = field(default_factory=list)
    caption: str | None = None
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

    @property
    def labelled(self) -> int:
        return sum(len(lay.labels) for lay in self.layouts)

    def header_height(self, i: int) -> float:
        """The row above a lane that holds its name (0 when names stand in the gutter or
        in the lane's own top-left corner)."""
        if not self.headers or not self.names[i] or self.inline[i]:
            return 0.0
        return self.name_heights[i] + 4.0 * self.sz.k

    def lane_height(self, i: int) -> float:
        if self.headers:
            return self.header_height(i) + self.layouts[i].height
        return max(self.layouts[i].height, self.name_heights[i] + 6.0 * self.sz.k)

    @property
    def lanes_height(self) -> float:
        return sum(self.lane_height(i) for i in range(len(self.layouts)))

    @property
    def top_band(self) -> float:
        k = self.sz.k
        caption = _CAPTION * k if self.caption else 0.0
        return caption + (self.era_rows * _ERA_ROW * k + 3.0 * k if self.era_rows else 4.0 * k)

    @property
    def axis_height(self) -> float:
        """From the axis line to the bottom of its labels."""
        return (_TICK + _AXIS_LABELS) * self.sz.k

    @property
    def height(self) -> float:
        """From the top of the region to the bottom of its axis labels."""
        return self.top_band + self.lanes_height + self.axis_height


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
    sizes: Sizes,
    headers: bool = False,
) -> Region:
    """Lay out a region's lanes, eras and ticks (nothing is drawn yet).

    Lane names go between ``gutter`` and the scale's left edge, or with ``headers`` in a
    row above each lane, as wide as the axis (none when the chronology has no groups);
    ``styles_by_group`` keeps a group's colour the same in every region. With more than
    ``dense_above`` events the region is dense (see ``_dense``).
    """
    lanes = lanes_of(timeline, events)
    styles = [styles_by_group[g.id if g is not None else None] for g in lanes]
    if marks is None:
        marks = build_marks(
            timeline, events, scale, lanes, threshold, metrics, sizes.marker, spans=spans
        )
    by_lane: list[list[Mark]] = [[] for _ in lanes]
    for mark in marks:
        by_lane[mark.lane].append(mark)
    skipped = frozenset(id(k) for k in marks if skip(k.event))
    layouts = [
        layout_lane(lane_marks, measure, scale.left, scale.right, metrics, skip_labels=skipped)
        for lane_marks in by_lane
    ]
    eras, rows = _eras(timeline, scale, theme, measurer, sizes)
    names, heights = [], []
    if headers:
        room = scale.right - gutter - _SWATCH * sizes.k
    else:
        room = scale.left - (_GUTTER_GAP + _SWATCH) * sizes.k - gutter
    for lane in lanes if timeline.groups else []:
        label = lane.label if lane is not None else other_label
        text = "\n".join(measurer.wrap(label, room, sizes.lane, True))
        names.append(text)
        heights.append(measurer.box(text, sizes.lane, True)[1])
    if not timeline.groups:
        names, heights = [""] * len(lanes), [0.0] * len(lanes)
    inline = [False] * len(lanes)
    if headers and timeline.groups:
        for i, (text, h) in enumerate(zip(names, heights, strict=True)):
            w = max(measurer.width(line, sizes.lane, True) for line in text.split("\n"))
            x1 = gutter + _SWATCH * sizes.k + w
            inline[i] = corner_free(layouts[i], gutter, x1, h + 3.0 * sizes.k, metrics)
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
        sizes,
        headers,
        inline=inline,
    )
    if len(events) > dense_above:
        region.slices = slices_for(scale)
        for layout in layouts:
            labelled = {id(lb.mark) for lb in layout.labels}
            xs = [k.x for k in layout.marks if not k.bar and id(k) not in labelled]
            region.counts.append(count(region.slices, xs))
    return region


def _eras(
    timeline: Timeline, scale: Scale, theme: Theme, measurer: Measurer, sizes: Sizes
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
        italic = measurer.has_italic(era.title)
        w = measurer.width(era.title, sizes.era, italic=italic)
        a = min(x0 + 3.0 * sizes.k, scale.right - w)
        row = None
        # A title far wider than its era would seem to name its neighbour: leave it out.
        if a >= scale.left and x1 - x0 >= 0.3 * w:
            for i in range(3):
                if i == len(rows):
                    rows.append(Spans())
                if not rows[i].hits(a, a + w, 6.0 * sizes.k):
                    rows[i].add(a, a + w)
                    row = i
                    break
        out.append(EraBand(x0, x1, fill, era.title, row, italic))
    used = 1 + max((e.title_row for e in out if e.title_row is not None), default=-1)
    return out, used


def draw_region(painter: Painter, region: Region, top: float) -> tuple[float, float]:
    """Draw ``region`` with its top edge at ``top``; returns the y of its axis line and of
    its bottom edge."""
    from matplotlib.collections import LineCollection, PolyCollection

    ax, theme, s, k = painter.ax, painter.theme, region.scale, region.sz.k
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
        band_top = top - (_CAPTION * k if region.caption else 0.0)
        for era in region.eras:
            if era.title_row is None:
                continue
            w = painter.measurer.width(era.title, region.sz.era, italic=era.italic)
            painter.text(
                min(era.x0 + 3.0 * k, s.right - w),
                band_top - 2.0 * k - era.title_row * _ERA_ROW * k,
                era.title,
                region.sz.era,
                italic=era.italic,
                color=theme.muted,
                gid=f"{region.name}.era",
            )
    grid = [[(t.x, axis_y), (t.x, lanes_top)] for t in region.ticks]
    if grid:
        ax.add_collection(
            LineCollection(
                grid,
                colors=[rgba(theme.grid)],
                linewidths=[0.5 * k],
                zorder=0.8,
                gid=f"{region.name}.grid",
            ),
            autolim=False,
        )
    y = lanes_top
    separators = []
    every = region.slices is None and len(region.marks) <= ONE_BY_ONE
    for i, (layout, style) in enumerate(zip(region.layouts, region.styles, strict=True)):
        if i:
            separators.append([(region.gutter, y), (s.right, y)])
        if region.names[i]:
            _name(painter, region, i, style, y)
        bottom = y - region.lane_height(i)
        dense = None
        if region.slices is not None:
            dense = LaneDensity(region.slices, region.counts[i], region.levels)
        painter.lane(region.name, layout, style, bottom, s.left, s.right, dense, every=every)
        y = bottom
    if separators:
        ax.add_collection(
            LineCollection(
                separators,
                colors=[rgba(theme.separator)],
                linewidths=[0.6 * k],
                zorder=1.0,
                gid=f"{region.name}.separators",
            ),
            autolim=False,
        )
    bottom = _axis(painter, region, axis_y)
    return axis_y, bottom


def _name(painter: Painter, region: Region, i: int, style: LaneStyle, top: float) -> None:
    """A lane's name after a swatch of its colour (and, in print, shape): in the gutter,
    or in the row above the lane."""
    sz = region.sz
    size = sz.marker
    x = region.gutter
    y = top - 3.0 * sz.k
    painter.collection(
        f"{region.name}.swatch",
        marker_path(style.shape if painter.theme.greyscale else "s"),
        [(x + size / 2, y - 5.5 * sz.k)],
        [size * size],
        [rgba(style.color)],
        [rgba(style.color)],
        [0.0],
        zorder=4.0,
    )
    painter.text(
        x + _SWATCH * sz.k, y, region.names[i], sz.lane, bold=True, gid=f"{region.name}.lane"
    )


def _axis(painter: Painter, region: Region, axis_y: float) -> float:
    """The axis line, ticks and their labels.

    Labels that would collide are left out, except the first of the context row (the
    year, or the month and year): the axis always says when it is.
    """
    from matplotlib.collections import LineCollection

    theme, s, meas, sz = painter.theme, region.scale, painter.measurer, region.sz
    k = sz.k
    ticks = [[(t.x, axis_y), (t.x, axis_y - _TICK * k)] for t in region.ticks]
    painter.ax.add_collection(
        LineCollection(
            [[(s.left, axis_y), (s.right, axis_y)], *ticks],
            colors=[rgba(theme.faint)],
            linewidths=[0.7 * k],
            zorder=1.5,
            gid=f"{region.name}.axis",
        ),
        autolim=False,
    )
    rows = (Spans(), Spans())
    label_top = axis_y - (_TICK + 1.5) * k
    for t in region.ticks:
        for row, (text, bold) in enumerate(((t.label, False), (t.context, True))):
            if text is None:
                continue
            w = meas.width(text, sz.tick, bold)
            if t.span:
                a = t.x + 2.5 * k
            elif row == 0:
                a = t.x - w / 2
            else:
                # A clock time is centred on its tick; the date under it starts where the
                # time starts.
                a = t.x - meas.width(t.label, sz.tick) / 2
            lo, hi = s.left - 2.0 * k, s.right + 8.0 * k
            if row == 1:
                # A context line is kept inside the axis, so the first one always shows
                # (nothing stands before it in its row).
                a = max(min(a, hi - w), lo)
            elif a < lo or a + w > hi:
                continue
            if rows[row].hits(a, a + w, 6.0 * k):
                continue
            rows[row].add(a, a + w)
            painter.text(
                a,
                label_top - row * _TICK_ROW * k,
                text,
                sz.tick,
                bold=bold,
                color=theme.text if bold else theme.muted,
                gid=f"{region.name}.tick",
            )
    return axis_y - region.axis_height
