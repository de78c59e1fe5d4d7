"""Drawing primitives of the chart: one axes in points, y measured downwards from the top.

The whole figure is one invisible axes whose data units are points, with ``y = 0`` at the
top edge and negative below it, so the chart is drawn top to bottom as it is laid out and
the figure's height is known only at the end. Markers of one shape and fill share one
PathCollection, bars of one hatch one PolyCollection, all stems one LineCollection: a chart
of 100,000 events holds a few dozen artists, not 100,000.

Collections and texts carry a ``gid`` (an ``id`` in SVG): ``<region>.events.*`` collections
hold exactly one glyph per event of that region; ``<region>.label.<event id>`` and
``<region>.date.<event id>`` are an event's title and date line.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from timeline.model import Certainty
from timeline.render.chart._dense import LaneDensity, MergedBars, merge_bars, shade, strip_paths
from timeline.render.chart._geometry import LaneLayout, Mark, Metrics, PlacedLabel
from timeline.render.chart._text import LINESPACING, Measurer
from timeline.render.chart._theme import LaneStyle, Sizes, Theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.collections import PathCollection
    from matplotlib.path import Path
    from matplotlib.text import Text
    from matplotlib.transforms import Transform

__all__ = ["ONE_BY_ONE", "Painter", "blend", "blend_rgba", "marker_path", "rgba"]

Color = tuple[float, float, float, float]
T = TypeVar("T")
#: In a region of at most this many events (not dense), every event's mark is an artist of
#: its own with the id ``ev:<event id>:mark``; above it only labelled events' are (the
#: others share a collection per kind: an artist costs about a millisecond to draw).
ONE_BY_ONE = 300


@functools.cache
def marker_path(shape: str, slashed: bool = False) -> Path:
    """The unit marker of ``shape`` (diameter 1), with a slash through it if ``slashed``:
    one path for the process, read-only, shared by every collection drawing it."""
    from matplotlib.markers import MarkerStyle
    from matplotlib.path import Path

    style = MarkerStyle(shape)
    path = style.get_path().transformed(style.get_transform())
    if slashed:
        slash = Path([(-0.42, -0.42), (0.42, 0.42)], [Path.MOVETO, Path.LINETO])
        path = Path.make_compound_path(path, slash)
    steps = cast(Any, path)._interpolation_steps
    marker: Path = _marker_class()(path.vertices, path.codes, steps, readonly=True)
    return marker


@functools.cache
def _marker_class() -> type[Path]:
    """The class of a marker's path (made when matplotlib is first needed).

    Before drawing a collection of one marker, matplotlib measures the marker at its size
    (to see whether it fits in the figure): for a circle, eight Bézier curves solved for
    their extremes, about a third of a millisecond, for each of the hundreds of
    collections of a chart, in every file. A marker's path here remembers its extents at
    each size it was measured at; they are the same numbers.
    """
    from matplotlib.path import Path
    from matplotlib.transforms import Bbox

    class MarkerPath(Path):
        _extents: dict[bytes, Any]

        def get_extents(self, transform: Any = None, **kwargs: Any) -> Bbox:
            if transform is None or kwargs or not transform.is_affine:
                return super().get_extents(transform, **kwargs)
            try:
                known = self._extents
            except AttributeError:
                known = self._extents = {}
            key = transform.get_matrix().tobytes()
            points = known.get(key)
            if points is None:
                points = known[key] = super().get_extents(transform).get_points().copy()
            return Bbox(points.copy())

    return MarkerPath


def rgba(color: str, alpha: float = 1.0) -> Color:
    from matplotlib.colors import to_rgba

    r, g, b, a = to_rgba(color)
    return (r, g, b, a * alpha)


def blend(color: str, background: str, amount: float) -> Color:
    """``color`` mixed with ``background`` (``amount`` of colour): an opaque light tint."""
    return blend_rgba(rgba(color), rgba(background), amount)


def blend_rgba(c: Color, b: Color, amount: float) -> Color:
    """:func:`blend` of colours already read."""
    return (
        c[0] * amount + b[0] * (1 - amount),
        c[1] * amount + b[1] * (1 - amount),
        c[2] * amount + b[2] * (1 - amount),
        1.0,
    )


@dataclass
class _Points:
    offsets: list[tuple[float, float]] = field(default_factory=list)
    sizes: list[float] = field(default_factory=list)
    faces: list[Color] = field(default_factory=list)
    edges: list[Color] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)


@dataclass
class _Polys:
    verts: list[list[tuple[float, float]]] = field(default_factory=list)
    faces: list[Color] = field(default_factory=list)
    edges: list[Color] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)


class Painter:
    """Draws into the figure's single points-based axes; gathers glyphs into collections."""

    def __init__(
        self,
        ax: Axes,
        theme: Theme,
        measurer: Measurer,
        metrics: Metrics,
        locale: str,
        sizes: Sizes,
    ) -> None:
        self.ax = ax
        self.sz = sizes
        self.theme = theme
        self.measurer = measurer
        self.m = metrics
        self.locale = locale
        self.texts: list[Text] = []
        self._counter = 0

    # -- text -----------------------------------------------------------------------------

    def text(
        self,
        x: float,
        top: float,
        s: str,
        size: float,
        *,
        bold: bool = False,
        italic: bool = False,
        color: str | None = None,
        ha: str = "left",
        gid: str | None = None,
        zorder: float = 5.0,
    ) -> Text:
        """A text whose block's top edge is at ``top``."""
        t = self.ax.text(
            x,
            top,
            s,
            fontproperties=self.measurer.props(size, bold, italic),
            color=color or self.theme.text,
            ha=ha,
            va="top",
            linespacing=LINESPACING,
            zorder=zorder,
            gid=gid,
        )
        self.texts.append(t)
        return t

    # -- lanes ----------------------------------------------------------------------------

    def lane(
        self,
        region: str,
        layout: LaneLayout,
        style: LaneStyle,
        bottom: float,
        left: float,
        right: float,
        dense: LaneDensity | None = None,
        *,
        every: bool = True,
    ) -> None:
        """Draw one lane whose bottom edge is at ``bottom``: baseline, bars, markers, labels.

        With ``every``, each event's mark is an artist of its own (with its id); otherwise
        only labelled events' are.

        In a dense region (``dense`` given) only the events with a label are drawn one by
        one; the other points become a shaded strip and the other bars merge.
        """
        theme = self.theme
        ax = self.ax
        from matplotlib.collections import LineCollection

        y_marker = bottom + layout.marker_y
        if any(not k.bar for k in layout.marks):
            ax.add_collection(
                LineCollection(
                    [[(left, y_marker), (right, y_marker)]],
                    colors=[rgba(theme.separator, 0.7)],
                    linewidths=[0.5],
                    zorder=1.2,
                    gid=f"{region}.baseline",
                ),
                autolim=False,
            )
        one = layout.marks
        if dense is not None:
            labelled = {id(lb.mark) for lb in layout.labels}
            one = [k for k in layout.marks if id(k) in labelled]
            many = [k for k in layout.marks if k.bar and id(k) not in labelled]
            self._strip(region, dense, style, y_marker, right)
            self._merged(region, merge_bars(many, layout.bar_y, self.m.tail), style, bottom)
        labelled = {id(lb.mark) for lb in layout.labels}
        own = frozenset(id(k) for k in one if every or id(k) in labelled)
        self._bars(region, [k for k in one if k.bar], layout.bar_y, style, bottom, own)
        self._points(
            region,
            [k for k in one if not k.bar],
            style,
            y_marker,
            dense is not None,
            layout.raised,
            bottom,
            own,
        )
        stems = [
            [(x, y + bottom) for x, y in line]
            for line in [*(lb.leader for lb in layout.labels if lb.leader), *layout.leaders]
        ]
        if stems:
            ax.add_collection(
                LineCollection(
                    stems,
                    colors=[rgba(style.color, 0.75)],
                    linewidths=[0.6 * self.sz.k],
                    zorder=2.5,
                    gid=f"{region}.stems",
                ),
                autolim=False,
            )
        for label in layout.labels:
            self._label(region, label, bottom)

    def _strip(
        self, region: str, dense: LaneDensity, style: LaneStyle, y: float, right: float
    ) -> None:
        """The shaded strip counting a dense lane's points along its marker line."""
        from matplotlib.patches import PathPatch

        half = self.sz.marker / 2
        for level, path in strip_paths(dense.counts, dense.slices, right, y - half, y + half):
            fill = blend(style.color, self.theme.background, shade(level, dense.levels))
            patch = PathPatch(
                path,
                facecolor=fill,
                edgecolor="none",
                linewidth=0.0,
                zorder=2.8,
                gid=f"{region}.density.{self._next()}",
            )
            if style.hatch:
                patch.set_hatch(style.hatch)
            self.ax.add_artist(patch)

    def _merged(self, region: str, bars: MergedBars, style: LaneStyle, bottom: float) -> None:
        """A dense lane's unlabelled bars, merged where they overlap."""
        from matplotlib.collections import LineCollection, PolyCollection

        h = self.m.bar
        light = blend(style.color, self.theme.background, 0.32)
        solid = rgba(style.color)
        for gid, spans, color, z in (
            ("merged.bars", bars.shells, light, 2.0),
            ("merged.cores", bars.cores, solid, 2.1),
        ):
            if not spans:
                continue
            verts = [
                [(a, bottom + y), (b, bottom + y), (b, bottom + y + h), (a, bottom + y + h)]
                for a, b, y in spans
            ]
            coll = PolyCollection(
                verts, facecolors=[color], edgecolors="none", zorder=z, gid=f"{region}.{gid}"
            )
            if style.hatch:
                coll.set_hatch(style.hatch)
            self.ax.add_collection(coll, autolim=False)
        if bars.arrows:
            offsets = [(x + self.m.arrow / 2, bottom + y + h / 2) for x, y in bars.arrows]
            n = len(offsets)
            self.collection(
                f"{region}.merged.arrows",
                marker_path(">"),
                offsets,
                [self.m.arrow**2] * n,
                [solid] * n,
                [solid] * n,
                [0.0] * n,
                zorder=2.2,
            )
        if bars.tails:
            self.ax.add_collection(
                LineCollection(
                    [[(a, bottom + y + h / 2), (b, bottom + y + h / 2)] for a, b, y in bars.tails],
                    colors=[solid],
                    linewidths=[1.0],
                    linestyles=[(0, (1.0, 1.6))],
                    zorder=2.0,
                    gid=f"{region}.merged.tails",
                ),
                autolim=False,
            )

    def _label(self, region: str, label: PlacedLabel, bottom: float) -> None:
        e = label.mark.event
        ha = "right" if label.right_aligned else "left"
        top = bottom + label.top
        sz = self.sz
        date = self.text(
            label.x,
            top,
            label.size.date,
            sz.label_date,
            bold=True,
            color=self.theme.muted,
            ha=ha,
            gid=f"ev:{e.id}:date",
        )
        title = self.text(
            label.x,
            top - label.size.date_height - 0.5,
            label.size.title,
            sz.label,
            bold=e.is_milestone,
            ha=ha,
            gid=f"ev:{e.id}:label",
        )
        date.set_label(region)
        title.set_label(region)

    def _bars(
        self,
        region: str,
        marks: list[Mark],
        bar_y: dict[int, float],
        style: LaneStyle,
        bottom: float,
        own: frozenset[int],
    ) -> None:
        """Bars: each event in ``own`` as an artist of its own (``ev:<id>:mark``), the
        others together, one collection per kind."""
        theme = self.theme
        from matplotlib.collections import LineCollection

        h = self.m.bar
        shells, cores = _Polys(), _Polys()
        arrows: list[tuple[float, float]] = []
        tails: list[list[tuple[float, float]]] = []
        for mark in marks:
            y0 = bottom + bar_y[id(mark)]
            if id(mark) in own:
                polys = _Polys()
                self._bar(mark, y0, style, polys, polys)
                self._polys(f"ev:{mark.event.id}:mark", polys, style, zorder=2.0, label=region)
            else:
                self._bar(mark, y0, style, shells, cores)
            x1 = max(mark.x1, mark.x0 + 1.0)
            if mark.arrow:
                arrows.append((x1 + self.m.arrow / 2, y0 + h / 2))
            if mark.tail:
                tails.append([(x1, y0 + h / 2), (x1 + self.m.tail, y0 + h / 2)])
        if shells.verts:
            self._polys(f"{region}.events.bars.{self._next()}", shells, style, zorder=2.0)
        if cores.verts:
            self._polys(f"{region}.cores.{self._next()}", cores, style, zorder=2.1)
        solid = rgba(style.color)
        if arrows:
            self.collection(
                f"{region}.arrows",
                marker_path(">"),
                arrows,
                [self.m.arrow**2] * len(arrows),
                [solid] * len(arrows),
                [solid] * len(arrows),
                [0.0] * len(arrows),
                zorder=2.2,
            )
        if tails:
            self.ax.add_collection(
                LineCollection(
                    tails,
                    colors=[solid],
                    linewidths=[1.0 * self.sz.k],
                    linestyles=[(0, (1.0, 1.6))],
                    zorder=2.0,
                    gid=f"{region}.tails",
                ),
                autolim=False,
            )
        del theme

    def _bar(self, mark: Mark, y0: float, style: LaneStyle, polys: _Polys, cores: _Polys) -> None:
        """One bar's shapes: the span it could cover, light (hollow when claimed or
        disputed), into ``polys``; the part it certainly ran, solid, into ``cores``. A
        milestone's light part is a strong tint with a heavy outline, so it outweighs every
        other mark at any zoom."""
        theme = self.theme
        y1 = y0 + self.m.bar
        x0, x1 = mark.x0, max(mark.x1, mark.x0 + 1.0)
        e = mark.event
        hollow = e.certainty in (Certainty.CLAIMED, Certainty.DISPUTED)
        light = blend(style.color, theme.background, 0.62 if e.is_milestone else 0.32)
        polys.verts.append([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
        polys.faces.append(rgba(theme.background) if hollow else light)
        polys.edges.append(rgba(style.color))
        k = self.sz.k
        polys.widths.append((1.4 if e.is_milestone else 1.0 if hollow else 0.6) * k)
        polys.styles.append(
            "dashed" if e.certainty is Certainty.DISPUTED else "dotted" if _fuzzy(mark) else "solid"
        )
        if mark.solid1 > mark.solid0 and not hollow:
            c0, c1 = mark.solid0, mark.solid1
            cores.verts.append([(c0, y0), (c1, y0), (c1, y1), (c0, y1)])
            cores.faces.append(rgba(style.color))
            cores.edges.append(rgba(theme.background) if style.hatch else rgba(style.color))
            cores.widths.append(0.0)
            cores.styles.append("solid")

    def _polys(
        self, gid: str, polys: _Polys, style: LaneStyle, *, zorder: float, label: str = ""
    ) -> None:
        from matplotlib.collections import PolyCollection

        coll = PolyCollection(
            polys.verts,
            facecolors=polys.faces,
            edgecolors=polys.edges,
            linewidths=polys.widths,
            linestyles=polys.styles,
            zorder=zorder,
            gid=gid,
        )
        if label:
            coll.set_label(label)
        if style.hatch:
            coll.set_hatch(style.hatch)
        self.ax.add_collection(coll, autolim=False)

    def _points(
        self,
        region: str,
        marks: list[Mark],
        style: LaneStyle,
        y: float,
        dense: bool,
        raised: dict[int, float],
        bottom: float,
        own: frozenset[int],
    ) -> None:
        """Point markers: on the marker line at ``y``, or raised in a pile. Each event in
        ``own`` is an artist of its own (``ev:<id>:mark``); the others share one
        collection per kind."""
        theme = self.theme
        sz = self.sz
        # One collection per kind and size: each then draws its markers from one
        # rasterised marker (matplotlib's fast path for a collection whose markers are all
        # alike), several times faster than a path per marker on a large chart.
        groups: dict[tuple[bool, bool, float], _Points] = defaultdict(_Points)
        rings: list[tuple[float, float]] = []
        ring_sizes: list[float] = []
        color = rgba(style.color)
        bg = rgba(theme.background)
        for mark in marks:
            e = mark.event
            d = sz.milestone if e.is_milestone else sz.marker
            hollow = e.certainty in (Certainty.CLAIMED, Certainty.DISPUTED)
            slashed = e.certainty is Certainty.DISPUTED
            at = (mark.x, bottom + raised[id(mark)] if id(mark) in raised else y)
            g = _Points() if id(mark) in own else groups[(hollow, slashed, d)]
            g.offsets.append(at)
            g.sizes.append(d * d)
            g.faces.append(bg if hollow else color)
            g.edges.append(color if hollow else bg)
            # Over a dense strip a filled marker needs a wider rim to stand out.
            g.widths.append((1.1 if hollow else 1.0 if dense else 0.5) * sz.k)
            if id(mark) in own:
                coll = self.collection(
                    f"ev:{e.id}:mark",
                    marker_path(style.shape, slashed),
                    g.offsets,
                    g.sizes,
                    g.faces,
                    g.edges,
                    g.widths,
                    zorder=3.0 if hollow else 3.1,
                )
                coll.set_label(region)
            if _fuzzy(mark):
                rings.append(at)
                ring_sizes.append((d + 4.5 * sz.k) ** 2)
        for (hollow, slashed, _), g in sorted(groups.items()):
            self.collection(
                f"{region}.events.points.{self._next()}",
                marker_path(style.shape, slashed),
                g.offsets,
                g.sizes,
                g.faces,
                g.edges,
                g.widths,
                zorder=3.0 if hollow else 3.1,
            )
        if rings:
            coll = self.collection(
                f"{region}.rings",
                marker_path("o"),
                rings,
                ring_sizes,
                [(0.0, 0.0, 0.0, 0.0)] * len(rings),
                [color] * len(rings),
                [0.8 * sz.k] * len(rings),
                zorder=2.9,
            )
            coll.set_linestyle((0, (1.0, 1.3)))

    def collection(
        self,
        gid: str,
        path: Path,
        offsets: list[tuple[float, float]],
        sizes: list[float],
        faces: list[Color],
        edges: list[Color],
        widths: list[float],
        *,
        zorder: float,
    ) -> PathCollection:
        from matplotlib.collections import PathCollection

        coll = PathCollection(
            [path],
            sizes=_alike(sizes),
            offsets=offsets,
            offset_transform=self.ax.transData,
            facecolors=_alike(faces),
            edgecolors=_alike(edges),
            linewidths=_alike(widths),
            zorder=zorder,
            gid=gid,
        )
        coll.set_transform(_identity())
        self.ax.add_collection(coll, autolim=False)
        return coll

    def _next(self) -> int:
        self._counter += 1
        return self._counter


def _alike(values: list[T]) -> list[T]:
    """``values``, or its first alone when all are equal (a collection's property given
    once applies to each of its markers)."""
    first = values[0] if values else None
    return values[:1] if all(v == first for v in values) else values


def _identity() -> Transform:
    from matplotlib.transforms import IdentityTransform

    return IdentityTransform()


def _fuzzy(mark: Mark) -> bool:
    """True when the event's date is marked approximate or uncertain."""
    when = mark.event.when
    dates = [when.start] if when.end is None else [when.start, when.end]
    return any(d.approximate or d.uncertain for d in dates)
