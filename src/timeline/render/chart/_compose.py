"""Timeline charts: a view of a chronology drawn as a matplotlib Figure, and its bytes.

:func:`chart` builds a :class:`matplotlib.figure.Figure` without pyplot, inside
``matplotlib.rc_context`` (so no style leaks into or out of the caller's program), with
math text off so ``$`` stays a dollar sign. :func:`figure_bytes` saves it as PNG, SVG or
PDF, byte-identical for the same input. matplotlib is imported only here, and only when a
chart is drawn: the commands that draw nothing never load it.

The figure is one invisible axes whose data units are points, ``y = 0`` at the top edge;
the layout is described in ``docs/charts.md``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import os
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from timeline.dates import When
from timeline.model import Event, Timeline, View
from timeline.render.chart._dense import DENSE_ABOVE
from timeline.render.chart._marks import Changed
from timeline.render.chart._plan import ALL_LABELS, Plan, Planner
from timeline.render.chart._text import (
    BASE_FAMILY,
    HINTING,
    Measurer,
    MissingGlyphError,
    SourceText,
    font_families,
)
from timeline.render.chart._theme import SIZES, Theme, get_theme
from timeline.render.chart.limits import check_lanes, check_size
from timeline.render.chart.sizes import DEFAULT_SIZE, Size
from timeline.render.chart.sizes import SIZES as DESTINATIONS

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from matplotlib.figure import Figure


__all__ = [
    "ALL_LABELS",
    "DEFAULT_SIZE",
    "ChartOptions",
    "MissingGlyphError",
    "chart",
    "chart_parts",
    "figure_bytes",
    "figure_files",
    "fits",
    "part_plan",
]

#: Text is measured at this resolution whatever the output's, so a chart is laid out the
#: same at every dpi and in every format (unhinted text measures alike at any resolution).
_MEASURE_DPI = 144


@dataclass(frozen=True, slots=True)
class ChartOptions:
    """How to draw a chart.

    ``size`` names the destination (``column``, ``page``, ``slide``, ``wide``: see
    :mod:`timeline.render.chart.sizes`); ``width_cm`` overrides its width. ``dpi`` is the
    PNG resolution, written into the file. ``locale`` overrides the chronology's for
    dates and fixed words. ``fonts`` are tried first, in order; installed fonts fill in
    characters they lack. ``start`` and ``stop`` narrow the time axis further than the view
    (``--from``/``--to``). ``detail`` allows zoomed detail panels for crowded spans;
    ``max_labels`` bounds the labels a huge chart measures (more than ``ALL_LABELS`` events
    to label), which keeps it fast. A region (the main timeline or a detail panel) with more
    than ``dense_above`` events draws its unlabelled events aggregated (see
    ``docs/charts.md``). ``changed`` tags the labels of new and updated events (``NEW``,
    ``UPDATED``) and explains the tags in the key.
    """

    theme: str = "light"
    size: str = DEFAULT_SIZE
    width_cm: float | None = None
    dpi: int = 300
    locale: str | None = None
    fonts: tuple[str, ...] = (BASE_FAMILY,)
    start: When | None = None
    stop: When | None = None
    detail: bool = True
    max_labels: int = 240
    dense_above: int = DENSE_ABOVE
    changed: Changed | None = field(default=None, compare=False, repr=False)

    @property
    def destination(self) -> Size:
        """The destination, at the width asked for. ValueError for an unknown size."""
        try:
            size = DESTINATIONS[self.size]
        except KeyError:
            names = ", ".join(DESTINATIONS)
            raise ValueError(f"unknown size {self.size!r}; choose from {names}") from None
        return size if self.width_cm is None else size.with_width_cm(self.width_cm)


def chart(
    timeline: Timeline, view: View, events: Sequence[Event], *, options: ChartOptions
) -> Figure:
    """The chart of ``view`` showing ``events`` (already selected and sorted), in one
    figure as tall as it needs (never split; see :func:`chart_parts`).

    Raises :class:`MissingGlyphError` when a text needs a character no installed font has
    (with a diagnostic at each such text's line and column), and ValueError for an unknown
    theme or size.
    """
    with _planning(timeline, view, events, options) as planner:
        from timeline.render.chart._paint import paint

        return paint(planner, planner.plan(events), options.dpi)


def chart_parts(
    timeline: Timeline, view: View, events: Sequence[Event], *, options: ChartOptions
) -> list[Figure]:
    """The chart of ``view``, split into consecutive parts when it cannot hold every label
    within its destination's height (one figure when it can, and always for ``wide``)."""
    from timeline.render.chart._parts import split

    with _planning(timeline, view, events, options) as planner:
        from timeline.render.chart._paint import paint

        out = []
        for plan in split(planner, events):
            fig = paint(planner, plan, options.dpi)
            _PARTS[fig] = plan
            out.append(fig)
        return out


def fits(timeline: Timeline, view: View, events: Sequence[Event], *, options: ChartOptions) -> bool:
    """True when the chart gives every event at or above the view's label threshold its
    label, at the minimum type, within one part of its destination's height (always True
    for ``wide``). Plans, draws nothing; a view with more labels to give than any chart
    places (:data:`ALL_LABELS`) does not fit, which is known without planning."""
    if options.destination.max_height_in is not None:
        wanted = sum(1 for e in events if e.importance >= view.min_importance)
        if wanted > ALL_LABELS:
            return False
    with _planning(timeline, view, events, options) as planner:
        if planner.max_height is None:
            return True
        if not planner.complete:
            return False
        plan = planner.plan(events)
        return planner.fits(plan) and plan.dropped == 0


def part_plan(fig: Figure) -> Plan | None:
    """The plan a figure of :func:`chart_parts` was drawn from (its part, its events)."""
    return _PARTS.get(fig)


_PARTS: weakref.WeakKeyDictionary[Figure, Plan] = weakref.WeakKeyDictionary()


@contextlib.contextmanager
def _planning(
    timeline: Timeline, view: View, events: Sequence[Event], options: ChartOptions
) -> Iterator[Planner]:
    """A planner for the chart, inside the chart's matplotlib settings."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    check_lanes(timeline, view, events)
    theme = get_theme(options.theme)
    size = options.destination
    check_size(size.width_in, 1.0, options.dpi, raster=False)  # numbers, not NaN
    locale = options.locale or timeline.locale
    try:
        families = font_families(_plain_texts(timeline, view, events), options.fonts)
    except MissingGlyphError as exc:
        # Only now is it worth finding where each text is.
        raise MissingGlyphError.located(exc.missing, _texts(timeline, view, events)) from None
    with matplotlib.rc_context(cast(Any, _rc(theme, families))):
        probe = Figure(figsize=(1.0, 1.0), dpi=_MEASURE_DPI)
        canvas = FigureCanvasAgg(probe)
        measurer = Measurer(probe, canvas.get_renderer(), families)  # type: ignore[no-untyped-call]
        t0 = _bound(timeline, (view.start, options.start), low=True)
        t1 = _bound(timeline, (view.stop, options.stop), low=False)
        yield Planner(
            timeline,
            view,
            events,
            size=size,
            sizes=SIZES.smallest(size.label_pt, size.small_pt),
            theme=theme,
            locale=locale,
            measurer=measurer,
            detail=options.detail,
            max_labels=options.max_labels,
            dense_above=options.dense_above,
            window=(t0, t1),
            changed=options.changed,
        )


def _bound(timeline: Timeline, whens: tuple[When | None, ...], *, low: bool) -> float | None:
    """The tightest of the given bounds, epoch seconds (None when none is given)."""
    values = [timeline.bounds(w)[0 if low else 1] for w in whens if w is not None]
    if not values:
        return None
    return float(max(values) if low else min(values))


#: rcParams for saving: real text in SVG, TrueType in PDF, a fixed hash salt for SVG ids.
_SAVE_RC: dict[str, object] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "timeline",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "text.parse_math": False,
    # At 200 dpi unhinted text is as crisp, draws a third faster, and measures the same at
    # every resolution, so the layout holds for PNG, SVG and PDF alike.
    "text.hinting": HINTING,
}
_METADATA: dict[str, dict[str, str | None]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def prepare() -> None:
    """Load what every chart needs before the first is drawn: matplotlib's modules, the
    base font in each of its styles, and its measurements at a small size. A render
    calls it before forking the processes that draw its charts, so that they share all
    that instead of each loading it again."""
    import matplotlib.backends.backend_svg
    import matplotlib.collections
    import matplotlib.lines
    import matplotlib.markers
    import matplotlib.patches  # noqa: F401
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.font_manager import FontProperties

    from timeline.render.chart._paint import _chart_figure

    fig = _chart_figure()(figsize=(1.0, 1.0), dpi=72)
    FigureCanvasAgg(fig)
    for prop in (
        FontProperties(family=[BASE_FAMILY], size=8),
        FontProperties(family=[BASE_FAMILY], size=8, weight="bold"),
        FontProperties(family=[BASE_FAMILY], size=8, style="italic"),
    ):
        fig.text(0.1, 0.5, "Ag 2024", fontproperties=prop)
    figure_bytes(fig, "svg", dpi=72)
    figure_bytes(fig, "png", dpi=72)


def figure_bytes(fig: Figure, fmt: str, *, dpi: int) -> bytes:
    """``fig`` as PNG, SVG or PDF bytes, identical for identical figures (no dates,
    versions or random ids in the file).

    A PNG is ``dpi`` pixels per inch of the figure and says so in its ``pHYs`` chunk, so
    documents place it at its physical size; it is RGB (the chart's background is opaque)
    at a low compression level, which is lossless and several times faster to write. SVG
    and PDF have the figure's size in points.
    """
    import matplotlib

    if fmt not in _METADATA:
        raise ValueError(f"unknown chart format {fmt!r}; choose from png, svg, pdf")
    width, height = fig.get_size_inches()
    check_size(float(width), float(height), dpi, raster=fmt == "png")
    if fmt == "png":
        return _png(fig, dpi)
    # SVG is written as text and encoded once: into a binary file, matplotlib encodes each
    # of its tens of thousands of small writes on its own (the same UTF-8 bytes, slower).
    buf: io.BytesIO | io.StringIO = io.StringIO() if fmt == "svg" else io.BytesIO()
    with matplotlib.rc_context(cast(Any, _SAVE_RC)):
        fig.savefig(
            buf, format=fmt, dpi=dpi, metadata=_METADATA[fmt], facecolor=fig.get_facecolor()
        )
    data = buf.getvalue()
    return data.encode("utf-8") if isinstance(data, str) else data


def figure_files(fig: Figure, formats: Sequence[str], *, dpi: int) -> dict[str, bytes]:
    """``fig`` saved in each of ``formats``, in that order, each as :func:`figure_bytes`
    saves it. The PNG is compressed on a worker thread while the other formats are drawn
    (zlib lets other threads run meanwhile); the bytes are the same."""
    out: dict[str, bytes] = {}
    pending: Future[bytes] | None = None
    for fmt in formats:
        if fmt == "png":
            width, height = fig.get_size_inches()
            check_size(float(width), float(height), dpi, raster=True)
            rows = _png_pixels(fig, dpi)
            pending = _worker().submit(_png_file, *rows, _per_metre(dpi))
            out[fmt] = b""  # in its place; filled below
        else:
            out[fmt] = figure_bytes(fig, fmt, dpi=dpi)
    if pending is not None:
        out["png"] = pending.result()
    return out


@functools.cache
def _worker() -> ThreadPoolExecutor:
    """The one thread PNGs are compressed on (one at a time: one image's rows in memory)."""
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline-png")


# A process forked from this one (a render's worker) has no such thread: it makes its own.
os.register_at_fork(after_in_child=_worker.cache_clear)


def _png(fig: Figure, dpi: int) -> bytes:
    return _png_file(*_png_pixels(fig, dpi), _per_metre(dpi))


def _per_metre(dpi: int) -> int:
    """The resolution as PNG's pHYs chunk counts it: pixels per metre. Some readers
    (pandoc) truncate it back to whole dots per inch, so it is rounded up: 300 dpi is
    written as 11,812 (not 11,811) per metre."""
    return math.ceil(dpi / 0.0254)


def _png_pixels(fig: Figure, dpi: int) -> tuple[Any, int, int]:
    """``fig`` drawn at ``dpi``, as the scanlines of :func:`_png_rows`."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    old = fig.dpi
    with matplotlib.rc_context(cast(Any, _SAVE_RC)):
        try:
            fig.dpi = dpi
            canvas.draw()  # type: ignore[no-untyped-call]
            return _png_rows(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
        finally:
            fig.dpi = old


def _png_rows(rgba: Any) -> tuple[Any, int, int]:
    """The RGB scanlines of an RGBA buffer, each after its filter byte (0: none), as one
    contiguous array, and the image's width and height."""
    import numpy as np

    pixels = np.asarray(rgba)
    height, width = pixels.shape[:2]
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = 0
    rgb = rows[:, 1:].reshape(height, width, 3)
    for channel in range(3):  # one channel at a time: several times faster than all three
        rgb[:, :, channel] = pixels[:, :, channel]
    return rows, width, height


def _png_file(data: Any, width: int, height: int, per_metre: int) -> bytes:
    """A PNG file of 8-bit RGB scanlines (from :func:`_png_rows`) stating ``per_metre``
    pixels per metre.

    Every pixel of a chart is opaque, so no alpha channel is written. The scanlines are
    not filtered and are deflated at level 1: on charts (large flat areas, thin lines, text)
    that is smaller than Pillow's adaptive filtering at any level and several times faster
    to write. The bytes depend only on the pixels and the resolution.
    """
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(body, zlib.crc32(kind))
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            chunk(b"IDAT", zlib.compress(data, 1)),
            chunk(b"IEND", b""),
        )
    )


def _rc(theme: Theme, families: list[str]) -> dict[str, object]:
    return {
        **_SAVE_RC,
        "font.family": families,
        "font.size": SIZES.label,
        "figure.facecolor": theme.background,
        "savefig.facecolor": theme.background,
        "text.color": theme.text,
        "hatch.linewidth": 0.6,
        "hatch.color": theme.background,
        "path.simplify": True,
        "axes.unicode_minus": False,
    }


def _plain_texts(timeline: Timeline, view: View, events: Sequence[Event]) -> Iterator[str]:
    """Every text the chart may draw that comes from the file (for the glyph check)."""
    for text in (timeline.title, timeline.subtitle, view.title, view.subtitle):
        if text:
            yield text
    for e in events:
        yield e.title
    for group in timeline.groups.values():
        yield group.label
    for era in timeline.eras:
        yield era.title
    for source in timeline.sources.values():
        yield source.publisher or source.title


def _texts(timeline: Timeline, view: View, events: Sequence[Event]) -> list[SourceText]:
    """Every text the chart may draw that comes from the file, with its place (for the
    glyph check). The model records where events and views are; the other texts are
    reported at the top of the file."""
    file = timeline.path
    top = (1, 1)
    view_at = timeline.view_where.get(view.name, top)
    out = [SourceText(timeline.title, file, *top, "the chronology's title")]
    if timeline.subtitle:
        out.append(SourceText(timeline.subtitle, file, *top, "the chronology's subtitle"))
    if view.title:
        out.append(SourceText(view.title, file, *view_at, f"the title of view '{view.name}'"))
    if view.subtitle:
        what = f"the subtitle of view '{view.name}'"
        out.append(SourceText(view.subtitle, file, *view_at, what))
    for e in events:
        at = e.where.get("title") or e.where.get("event") or top
        out.append(SourceText(e.title, file, *at, "this title"))
    for group in timeline.groups.values():
        out.append(SourceText(group.label, file, *top, f"the label of group '{group.id}'"))
    for era in timeline.eras:
        out.append(SourceText(era.title, file, *top, f"the title of era '{era.title}'"))
    for source in timeline.sources.values():
        what = f"the {'publisher' if source.publisher else 'title'} of source '{source.id}'"
        out.append(SourceText(source.publisher or source.title, file, *top, what))
    return out
