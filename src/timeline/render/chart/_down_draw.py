"""Drawing one part of the down chart: era bands, the broken time axis, lane columns with
their marks, leader lines and the label column.

The figure is one invisible axes in points with ``y = 0`` at the top edge (as for the across
chart); a part's body is drawn from a given top down. Horizontal places are distances from
the side text starts on (:class:`Columns`), so a right-to-left chart is the same layout
mirrored: labels on the left, lanes on the right.

Each event's mark and label carry ids the HTML page links to: ``ev:<id>:mark`` (its marker
or bar), ``ev:<id>:date`` (its date line) and ``ev:<id>:label`` (its title).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline.model import Certainty, Event, Timeline
from timeline.render.chart._down_layout import DownMark, Part, Room
from timeline.render.chart._draw import Painter, blend, marker_path, rgba
from timeline.render.chart._theme import LaneStyle, Sizes

if TYPE_CHECKING:
    from matplotlib.path import Path

__all__ = ["Columns", "draw_body", "lane_swatches"]

Color = tuple[float, float, float, float]

#: Above this many marks in a part, only labelled events get a mark of their own (with its
#: id); the others are drawn together, which keeps huge charts fast and their files small.
OWN_MARKS = 600


@dataclass(frozen=True, slots=True)
class Columns:
    """The chart's columns, as distances from the side text starts on."""

    width: float
    rtl: bool
    axis: float  # the axis line; tick labels end just before it
    lane_u: tuple[float, ...]  # each lane's near edge
    tracks: tuple[int, ...]
    pitch: float  # the width of one track
    knee: float  # where leader lines turn towards their label
    text: float  # where labels start
    label_width: float

    def x(self, u: float) -> float:
        """The figure's x of distance ``u``."""
        return self.width - u if self.rtl else u

    def track(self, lane: int, track: int) -> float:
        """The middle of one track of one lane."""
        return self.lane_u[lane] + (track + 0.5) * self.pitch

    @property
    def lanes_end(self) -> float:
        if not self.lane_u:
            return self.axis + 4.0
        return self.lane_u[-1] + self.tracks[-1] * self.pitch

    @property
    def start_ha(self) -> str:
        """How text that starts at a column is aligned."""
        return "right" if self.rtl else "left"

    @property
    def end_ha(self) -> str:
        return "left" if self.rtl else "right"


@dataclass
class _Glyphs:
    offsets: list[tuple[float, float]]
    sizes: list[float]
    faces: list[Color]
    edges: list[Color]
    widths: list[float]


def draw_body(
    painter: Painter,
    part: Part,
    top: float,
    cols: Columns,
    timeline: Timeline,
    styles: list[LaneStyle],
    sizes: Sizes,
    room: Room,
    line: float,
    title_at: tuple[float, float],
) -> None:
    """Draw ``part``'s body with its top at figure y ``top`` (negative, points); titles
    stand ``title_at[0]`` after the start of their label (beside the date column) and, when
    ``title_at[1]``, that far under the date line."""
    body = _Body(painter, part, top, cols, timeline, styles, sizes, room, line)
    body.title_at = title_at
    body.bands()
    body.grid_and_axis()
    body.lanes()
    body.leaders()
    body.entries()
    body.breaks()


class _Body:
    def __init__(
        self,
        painter: Painter,
        part: Part,
        top: float,
        cols: Columns,
        timeline: Timeline,
        styles: list[LaneStyle],
        sizes: Sizes,
        room: Room,
        line: float,
    ) -> None:
        self.p = painter
        self.part = part
        self.top = top
        self.c = cols
        self.t = timeline
        self.styles = styles
        self.sz = sizes
        self.room = room
        self.line = line
        self.theme = painter.theme
        self.title_at = (0.0, 0.0)

    def fy(self, y: float) -> float:
        """The figure's y of body distance ``y``."""
        return self.top - y

    def pt(self, u: float, y: float) -> tuple[float, float]:
        return (self.c.x(u), self.top - y)

    # -- background -----------------------------------------------------------------------

    def bands(self) -> None:
        """Eras shaded across the axis and the lanes (not behind the labels, which may
        have moved down from their time)."""
        from matplotlib.collections import PolyCollection

        if not self.part.bands:
            return
        u0, u1 = self.c.axis, self.c.lanes_end + 2.0
        verts, fills = [], []
        for band in self.part.bands:
            verts.append(
                [
                    self.pt(u0, band.y0),
                    self.pt(u1, band.y0),
                    self.pt(u1, band.y1),
                    self.pt(u0, band.y1),
                ]
            )
            fills.append(self.era_fill(band.era))
        self.p.ax.add_collection(
            PolyCollection(verts, facecolors=fills, edgecolors="none", zorder=0.5, gid="eras"),
            autolim=False,
        )

    def era_fill(self, era: int) -> Color:
        e = self.t.eras[era]
        if e.color:
            return blend(e.color, self.theme.background, 0.16)
        return rgba(self.theme.era_fills[era % len(self.theme.era_fills)])

    def grid_and_axis(self) -> None:
        """The axis line of each stretch, its ticks, their labels and faint grid lines."""
        from matplotlib.collections import LineCollection

        theme, c, sz = self.theme, self.c, self.sz
        axis_lines, grid = [], []
        for stretch, ticks in zip(self.part.axis.stretches, self.part.ticks, strict=True):
            axis_lines.append([self.pt(c.axis, stretch.top), self.pt(c.axis, stretch.bottom)])
            for tick in ticks:
                axis_lines.append([self.pt(c.axis - 4.0, tick.y), self.pt(c.axis, tick.y)])
                grid.append([self.pt(c.axis, tick.y), self.pt(c.lanes_end + 2.0, tick.y)])
                y = tick.y + 1.0 if tick.span else tick.y - self.line / 2
                for i, (text, bold) in enumerate(zip(tick.lines, tick.bold, strict=True)):
                    self.p.text(
                        c.x(c.axis - 6.0),
                        self.fy(y + i * self.line),
                        text,
                        sz.tick,
                        bold=bold,
                        color=theme.text if bold else theme.muted,
                        ha=c.end_ha,
                        gid="tick",
                    )
        if grid:
            self.p.ax.add_collection(
                LineCollection(
                    grid, colors=[rgba(theme.grid)], linewidths=[0.5], zorder=0.8, gid="grid"
                ),
                autolim=False,
            )
        self.p.ax.add_collection(
            LineCollection(
                axis_lines, colors=[rgba(theme.faint)], linewidths=[0.7], zorder=1.5, gid="axis"
            ),
            autolim=False,
        )

    def breaks(self) -> None:
        """Each break: the axis and the lanes cut by a band of background between two
        zigzags, over the bars that run through it."""
        from matplotlib.collections import LineCollection, PolyCollection

        if not self.part.axis.breaks:
            return
        c = self.c
        u0, u1 = c.axis - 7.0, c.lanes_end + 3.0
        covers, zigzags = [], []
        for y0, y1 in self.part.axis.breaks:
            mid = (y0 + y1) / 2
            upper, lower = _zigzag(u0, u1, mid - 2.5), _zigzag(u0, u1, mid + 2.5)
            covers.append([self.pt(u, y) for u, y in upper + lower[::-1]])
            zigzags += [[self.pt(u, y) for u, y in upper], [self.pt(u, y) for u, y in lower]]
        bg = rgba(self.theme.background)
        self.p.ax.add_collection(
            PolyCollection(covers, facecolors=[bg], edgecolors="none", zorder=3.4, gid="breaks"),
            autolim=False,
        )
        self.p.ax.add_collection(
            LineCollection(
                zigzags,
                colors=[rgba(self.theme.faint)],
                linewidths=[0.7],
                zorder=3.5,
                gid="breaks.lines",
            ),
            autolim=False,
        )

    # -- marks ----------------------------------------------------------------------------

    def lanes(self) -> None:
        """Each lane's baseline, then its marks."""
        from matplotlib.collections import LineCollection

        part, c = self.part, self.c
        by_lane: dict[int, list[DownMark]] = defaultdict(list)
        for mark in part.marks:
            by_lane[mark.lane].append(mark)
        base = []
        for lane in sorted(by_lane):
            if any(not k.bar for k in by_lane[lane]):
                u = c.track(lane, 0)
                base.append([self.pt(u, part.axis.top), self.pt(u, part.axis.bottom)])
        if base:
            self.p.ax.add_collection(
                LineCollection(
                    base,
                    colors=[rgba(self.theme.separator, 0.7)],
                    linewidths=[0.5],
                    zorder=1.2,
                    gid="baselines",
                ),
                autolim=False,
            )
        own = len(part.marks) <= OWN_MARKS
        # Lanes that share a column are drawn each in its own look, in lane order.
        by_look: dict[int, list[DownMark]] = defaultdict(list)
        for mark in part.marks:
            by_look[mark.look].append(mark)
        for look in sorted(by_look):
            marks = by_look[look]
            style = self.styles[look]
            self._bars([k for k in marks if k.bar], style, own)
            self._points([k for k in marks if not k.bar], style, own)

    def _bars(self, marks: list[DownMark], style: LaneStyle, own: bool) -> None:
        from matplotlib.collections import LineCollection, PolyCollection

        theme, room = self.theme, self.room
        w = min(room.bar, self.c.pitch - 1.0) / 2
        # As across: a milestone's light part is a strong tint with a heavy outline, so a
        # day-dated milestone on an axis of hours still outweighs every other mark.
        light = blend(style.color, theme.background, 0.32)
        strong = blend(style.color, theme.background, 0.62)
        solid = rgba(style.color)
        shells: list[tuple[DownMark, list[tuple[float, float]], Color, float, str]] = []
        cores: list[list[tuple[float, float]]] = []
        arrows: list[tuple[float, float]] = []
        tails: list[list[tuple[float, float]]] = []
        caps: list[tuple[DownMark, tuple[float, float]]] = []
        for mark in marks:
            u = self.c.track(mark.lane, mark.track)
            y0, y1 = mark.y0, max(mark.y1, mark.y0 + 1.0)
            hollow = mark.event.certainty in (Certainty.CLAIMED, Certainty.DISPUTED)
            verts = [self.pt(u - w, y0), self.pt(u + w, y0), self.pt(u + w, y1), self.pt(u - w, y1)]
            milestone = mark.event.is_milestone
            face = rgba(theme.background) if hollow else strong if milestone else light
            lw = 1.4 if milestone else 1.0 if hollow else 0.6
            dash = (
                "dashed"
                if mark.event.certainty is Certainty.DISPUTED
                else "dotted"
                if fuzzy_date(mark.event)
                else "solid"
            )
            shells.append((mark, verts, face, lw, dash))
            if mark.solid1 > mark.solid0 and not hollow:
                s0, s1 = mark.solid0, mark.solid1
                cores.append(
                    [self.pt(u - w, s0), self.pt(u + w, s0), self.pt(u + w, s1), self.pt(u - w, s1)]
                )
            if mark.arrow:
                arrows.append(self.pt(u, y1 + room.arrow / 2))
            if mark.tail:
                tails.append([self.pt(u, y1), self.pt(u, y1 + room.tail)])
            if room.cap and not mark.cut_top:
                caps.append((mark, self.pt(u, y0 - room.cap / 2)))
        groups = [[s] for s in shells] if own else [shells] if shells else []
        for group in groups:
            gid = f"ev:{group[0][0].event.id}:mark" if own else f"bars.{self.p._next()}"
            coll = PolyCollection(
                [g[1] for g in group],
                facecolors=[g[2] for g in group],
                edgecolors=[solid],
                linewidths=[g[3] for g in group],
                linestyles=[g[4] for g in group],
                zorder=2.0,
                gid=gid,
            )
            if style.hatch:
                coll.set_hatch(style.hatch)
            self.p.ax.add_collection(coll, autolim=False)
        if cores:
            core = PolyCollection(
                cores,
                facecolors=[solid],
                edgecolors=[solid],
                linewidths=[0.0],
                zorder=2.1,
                gid=f"cores.{self.p._next()}",
            )
            if style.hatch:
                core.set_hatch(style.hatch)
                core.set_edgecolor(rgba(theme.background))
            self.p.ax.add_collection(core, autolim=False)
        if arrows:
            n = len(arrows)
            self.p.collection(
                f"arrows.{self.p._next()}",
                marker_path("v"),
                arrows,
                [room.arrow**2] * n,
                [solid] * n,
                [solid] * n,
                [0.0] * n,
                zorder=2.2,
            )
        # Lanes sharing a column: the lane's shape stands on top of each of its bars (a part
        # of the bar's mark, which the page makes a link, when marks are drawn one by one).
        for cap_group in [[c] for c in caps] if own else [caps] if caps else []:
            n = len(cap_group)
            self.p.collection(
                f"ev:{cap_group[0][0].event.id}:mark" if own else f"caps.{self.p._next()}",
                marker_path(style.shape),
                [at for _, at in cap_group],
                # No wider than about a track, so shapes in narrowed tracks stay apart.
                [min(room.cap - 1.0, max(self.c.pitch, 4.0)) ** 2] * n,
                [solid] * n,
                [rgba(theme.background)] * n,
                [0.5] * n,
                zorder=2.3,
            )
        if tails:
            self.p.ax.add_collection(
                LineCollection(
                    tails,
                    colors=[solid],
                    linewidths=[1.0],
                    linestyles=[(0, (1.0, 1.6))],
                    zorder=2.0,
                    gid=f"tails.{self.p._next()}",
                ),
                autolim=False,
            )

    def _points(self, marks: list[DownMark], style: LaneStyle, own: bool) -> None:
        theme, room = self.theme, self.room
        color = rgba(style.color)
        bg = rgba(theme.background)
        # One collection per kind and size (as Painter.points: matplotlib's fast path).
        groups: dict[tuple[bool, bool, float], _Glyphs] = {}
        rings: list[tuple[float, float]] = []
        ring_sizes: list[float] = []
        # Where each mark goes, as Columns.track, Columns.x and self.pt place it, with the
        # columns read once (a lane may hold thousands of points).
        lane_u, pitch, rtl, top = self.c.lane_u, self.c.pitch, self.c.rtl, self.top
        chart_width = self.c.width
        for mark in marks:
            e = mark.event
            d = room.milestone if e.is_milestone else room.marker
            hollow = e.certainty in (Certainty.CLAIMED, Certainty.DISPUTED)
            slashed = e.certainty is Certainty.DISPUTED
            u = lane_u[mark.lane] + (mark.track + 0.5) * pitch
            at = (chart_width - u if rtl else u, top - (mark.y0 + mark.y1) / 2)
            face, edge = (bg, color) if hollow else (color, bg)
            width = 1.1 if hollow else 0.5
            if own:
                self.p.collection(
                    f"ev:{e.id}:mark",
                    marker_path(style.shape, slashed),
                    [at],
                    [d * d],
                    [face],
                    [edge],
                    [width],
                    zorder=3.0 if hollow else 3.1,
                )
            else:
                g = groups.setdefault((hollow, slashed, d), _Glyphs([], [], [], [], []))
                g.offsets.append(at)
                g.sizes.append(d * d)
                g.faces.append(face)
                g.edges.append(edge)
                g.widths.append(width)
            if fuzzy_date(e):
                rings.append(at)
                ring_sizes.append((d + 4.5) ** 2)
        for (hollow, slashed, _), g in sorted(groups.items()):
            # One colour and width per group (matplotlib works out dashes per width).
            self.p.collection(
                f"points.{self.p._next()}",
                marker_path(style.shape, slashed),
                g.offsets,
                g.sizes,
                g.faces[:1],
                g.edges[:1],
                g.widths[:1],
                zorder=3.0 if hollow else 3.1,
            )
        if rings:
            ring = self.p.collection(
                f"rings.{self.p._next()}",
                marker_path("o"),
                rings,
                ring_sizes,
                [(0.0, 0.0, 0.0, 0.0)],
                [color],
                [0.8],
                zorder=2.9,
            )
            ring.set_linestyle((0, (1.0, 1.3)))

    # -- labels ---------------------------------------------------------------------------

    def mark_edge(self, mark: DownMark) -> float:
        """Where a leader line meets ``mark``: the side of its marker or bar that faces the
        labels."""
        u = self.c.track(mark.lane, mark.track)
        if mark.bar:
            return u + min(self.room.bar, self.c.pitch - 1.0) / 2
        d = self.room.milestone if mark.event.is_milestone else self.room.marker
        return u + d / 2

    def leaders(self) -> None:
        """A thin line from each label to its mark: straight across when the label stands
        level with its mark, bending down at the knee when it had to move down."""
        from matplotlib.collections import LineCollection
        from matplotlib.lines import Line2D

        c = self.c
        era_lines: list[list[tuple[float, float]]] = []
        for entry in self.part.entries:
            end = entry.top + entry.offset
            if entry.event is not None and entry.mark is not None:
                u = self.mark_edge(entry.mark)
                y = entry.level if entry.level is not None else entry.mark.y
                xs, ys = zip(
                    *(self.pt(a, b) for a, b in [(u, y), (c.knee, y), (c.text - 2.0, end)]),
                    strict=False,
                )
                # Each its own line, with the event's id: the HTML page can light it up.
                self.p.ax.add_line(
                    Line2D(
                        xs,
                        ys,
                        color=rgba(self.styles[entry.mark.look].color, 0.8),
                        linewidth=0.6,
                        zorder=1.9,
                        gid=f"ev:{entry.event.id}:leader",
                        solid_joinstyle="round",
                    )
                )
            elif entry.era is not None:
                y = entry.band_y
                path = [(c.axis, y), (c.knee, y), (c.text - 2.0, end)]
                era_lines.append([self.pt(a, b) for a, b in path])
        if era_lines:
            self.p.ax.add_collection(
                LineCollection(
                    era_lines,
                    colors=[rgba(self.theme.faint)],
                    linewidths=[0.6],
                    linestyles=[(0, (2.0, 1.5))],
                    zorder=1.0,
                    gid="eras.leaders",
                ),
                autolim=False,
            )

    def entries(self) -> None:
        c, sz, theme = self.c, self.sz, self.theme
        x = c.x(c.text)
        for entry in self.part.entries:
            if entry.event is None:
                self.p.text(
                    x,
                    self.fy(entry.top),
                    entry.text,
                    sz.era,
                    italic=entry.slanted,
                    bold=True,
                    color=theme.muted,
                    ha=c.start_ha,
                    gid="era",
                )
                continue
            e, size = entry.event, entry.size
            assert size is not None
            self.p.text(
                x,
                self.fy(entry.top),
                size.date,
                sz.label_date,
                bold=True,
                color=theme.muted,
                ha=c.start_ha,
                gid=f"ev:{e.id}:date",
            )
            under = size.date_height + self.title_at[1] if self.title_at[1] else 0.0
            self.p.text(
                c.x(c.text + self.title_at[0]),
                self.fy(entry.top + under),
                size.title,
                sz.label,
                bold=e.is_milestone,
                ha=c.start_ha,
                gid=f"ev:{e.id}:label",
            )


def fuzzy_date(e: Event) -> bool:
    """True when the event's date is marked approximate or uncertain."""
    start, end = e.when.start, e.when.end
    return (
        start.approximate
        or start.uncertain
        or (end is not None and (end.approximate or end.uncertain))
    )


def _zigzag(u0: float, u1: float, y: float) -> list[tuple[float, float]]:
    """A gentle zigzag from ``u0`` to ``u1`` around ``y``."""
    step = 5.0
    n = max(2, int((u1 - u0) / step))
    return [(u0 + (u1 - u0) * k / n, y + (1.2 if k % 2 else -1.2)) for k in range(n + 1)]


def lane_swatches(
    painter: Painter, cols: Columns, styles: list[LaneStyle], y: float, size: float
) -> None:
    """A swatch of each lane's colour (and, in print, shape) at the head of its column."""
    offsets = [
        (cols.x(cols.lane_u[i] + cols.tracks[i] * cols.pitch / 2), y) for i in range(len(styles))
    ]
    for i, style in enumerate(styles):
        path: Path = marker_path(style.shape if painter.theme.greyscale else "s")
        painter.collection(
            f"lanes.head.{i + 1}",
            path,
            [offsets[i]],
            [size * size],
            [rgba(style.color)],
            [rgba(style.color)],
            [0.0],
            zorder=4.0,
        )
