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

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from timeline.dates import When
from timeline.i18n.locale import locale_data
from timeline.i18n.phrases import around_phrase
from timeline.i18n.words import counted, words
from timeline.model import Event, Group, Timeline, View
from timeline.render.chart._axis import Scale
from timeline.render.chart._crowds import Cluster, find_clusters
from timeline.render.chart._dense import DENSE_ABOVE, level_of
from timeline.render.chart._geometry import LabelSize, Mark, Metrics
from timeline.render.chart._marks import Span, build_marks, date_line, lanes_of, spans_of
from timeline.render.chart._panels import PANEL_PAD, draw_frame, draw_funnel, span_phrase
from timeline.render.chart._region import Region, draw_region, plan_region
from timeline.render.chart._text import (
    BASE_FAMILY,
    Measurer,
    MissingGlyphError,
    SourceText,
    font_families,
)
from timeline.render.chart._theme import SIZES, LaneStyle, Theme, get_theme, lane_styles
from timeline.render.chart._words import chart_words

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


__all__ = ["ChartOptions", "MissingGlyphError", "chart", "figure_bytes"]

_MARGIN = 24.0  # left and right, points
_TOP = 18.0
_BOTTOM = 14.0
_PANEL_GAP = 18.0
_FUNNEL = 22.0  # height of the connector between the main axis and the detail panels


@dataclass(frozen=True, slots=True)
class ChartOptions:
    """How to draw a chart.

    ``width`` is in inches and ``dpi`` the PNG resolution (the height follows from the
    content). ``locale`` overrides the chronology's for dates and fixed words. ``fonts``
    are tried first, in order; installed fonts fill in characters they lack. ``start`` and
    ``stop`` narrow the time axis further than the view (``--from``/``--to``). ``detail``
    allows zoomed detail panels for crowded spans; ``max_labels`` bounds the labels one
    chart measures, which keeps huge chronologies fast. A region (the main timeline or a
    detail panel) with more than ``dense_above`` events draws its unlabelled events
    aggregated (see ``docs/charts.md``).
    """

    theme: str = "light"
    width: float = 12.0
    dpi: int = 200
    locale: str | None = None
    fonts: tuple[str, ...] = (BASE_FAMILY,)
    start: When | None = None
    stop: When | None = None
    detail: bool = True
    max_labels: int = 240
    dense_above: int = DENSE_ABOVE


def chart(
    timeline: Timeline, view: View, events: Sequence[Event], *, options: ChartOptions
) -> Figure:
    """The chart of ``view`` showing ``events`` (already selected and sorted).

    Raises :class:`MissingGlyphError` when a text needs a character no installed font has
    (with a diagnostic at each such text's line and column), and ValueError for an unknown
    theme.
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    theme = get_theme(options.theme)
    locale = options.locale or timeline.locale
    try:
        families = font_families(_plain_texts(timeline, view, events), options.fonts)
    except MissingGlyphError as exc:
        # Only now is it worth finding where each text is.
        raise MissingGlyphError.located(exc.missing, _texts(timeline, view, events)) from None
    with matplotlib.rc_context(cast(Any, _rc(theme, families))):
        fig = Figure(figsize=(options.width, 6.0), dpi=options.dpi, facecolor=theme.background)
        canvas = FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_axis_off()
        renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
        measurer = Measurer(fig, renderer, families)
        composer = _Composer(timeline, view, list(events), options, theme, locale, measurer, ax)
        height = composer.draw()
        width = options.width * 72.0
        fig.set_size_inches(options.width, height / 72.0)
        ax.set_xlim(0.0, width)
        ax.set_ylim(-height, 0.0)
        _finish(ax)
    return fig


def _finish(ax: Axes) -> None:
    """Give every artist an id of its own and turn clipping off.

    Ids: an SVG id must be unique in its file, so a name drawn more than once (each lane's
    name, each tick) is numbered in drawing order: ``main.tick.1``, ``main.tick.2``...
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
            artist.set_gid(f"{gid}.{numbered[gid]}")


#: rcParams for saving: real text in SVG, TrueType in PDF, a fixed hash salt for SVG ids.
_SAVE_RC: dict[str, object] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "timeline",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "text.parse_math": False,
    # At 200 dpi unhinted text is as crisp, draws a third faster, and measures the same at
    # every resolution, so the layout holds for PNG, SVG and PDF alike.
    "text.hinting": "no_hinting",
}
_METADATA: dict[str, dict[str, str | None]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def figure_bytes(fig: Figure, fmt: str, *, dpi: int) -> bytes:
    """``fig`` as PNG, SVG or PDF bytes, identical for identical figures (no dates,
    versions or random ids in the file)."""
    import matplotlib

    if fmt not in _METADATA:
        raise ValueError(f"unknown chart format {fmt!r}; choose from png, svg, pdf")
    buf = io.BytesIO()
    with matplotlib.rc_context(cast(Any, _SAVE_RC)):
        fig.savefig(
            buf, format=fmt, dpi=dpi, metadata=_METADATA[fmt], facecolor=fig.get_facecolor()
        )
    return buf.getvalue()


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


class _Composer:
    """Lays out and draws one chart, top to bottom."""

    def __init__(
        self,
        timeline: Timeline,
        view: View,
        events: list[Event],
        options: ChartOptions,
        theme: Theme,
        locale: str,
        measurer: Measurer,
        ax: object,
    ) -> None:
        from timeline.render.chart._draw import Painter

        self.t = timeline
        self.view = view
        self.events = events
        self.options = options
        self.theme = theme
        self.locale = locale
        self.meas = measurer
        self.spans: dict[int, Span] = spans_of(timeline, events)
        self.width = options.width * 72.0
        row = measurer.box("Ag", SIZES.label)[1] + 1.0
        self.metrics = _metrics(row, len(events), len(lanes_of(timeline, events)))
        self.painter = Painter(ax, theme, measurer, self.metrics, locale)  # type: ignore[arg-type]
        self.words = words(locale)
        self.cwords = chart_words(locale)
        self._measured: dict[tuple[str, int], int] = {}

    # -- labels ---------------------------------------------------------------------------

    def measurer_for(self, region: str, lanes: int) -> Callable[[Mark, float], LabelSize | None]:
        """The label measure of one region: each lane may measure its share of the chart's
        label budget, so a crowded lane cannot starve the others."""
        share = max(12, self.options.max_labels // max(lanes, 1))
        if region != "main":
            share = max(12, share // 2)

        def measure(mark: Mark, max_width: float) -> LabelSize | None:
            key = (region, mark.lane)
            used = self._measured.get(key, 0)
            if used >= share:
                return None
            self._measured[key] = used + 1
            return self.measure(mark, max_width)

        return measure

    def measure(self, mark: Mark, max_width: float) -> LabelSize | None:
        """Wrap and measure one label."""
        e = mark.event
        meas = self.meas
        date = "\n".join(meas.wrap(date_line(e, self.locale), max_width, SIZES.label_date, True))
        title = "\n".join(meas.wrap(e.title, max_width, SIZES.label, e.is_milestone, balance=True))
        dw, dh = meas.box(date, SIZES.label_date, True)
        tw, th = meas.box(title, SIZES.label, e.is_milestone)
        return LabelSize(max(dw, tw), dh + 0.5 + th, date, dh, title)

    # -- the whole chart ------------------------------------------------------------------

    def draw(self) -> float:
        """Draw everything; return the figure's height in points."""
        from timeline.render.chart._legend import draw_legend, legend_height, legend_items

        left, inner = _MARGIN, self.width - 2 * _MARGIN
        gutter = self._gutter()
        scale = Scale(*self._time_range(), left + gutter, inner - gutter)
        lanes = lanes_of(self.t, self.events)
        marks = build_marks(
            self.t,
            self.events,
            scale,
            lanes,
            self.view.min_importance,
            self.metrics,
            SIZES.marker,
            spans=self.spans,
        )
        n_max = 2
        clusters = (
            find_clusters(marks, inner - gutter, n_max)
            if self.options.detail and self.events
            else []
        )
        members = {k.event.id for c in clusters for k in c.marks}
        common = {
            "theme": self.theme,
            "measurer": self.meas,
            "metrics": self.metrics,
            "locale": self.locale,
            "other_label": self.cwords.other,
            "styles_by_group": self._styles(),
            "spans": self.spans,
            "dense_above": self.options.dense_above,
        }
        main = plan_region(
            "main",
            self.t,
            self.events,
            scale,
            self.view.min_importance,
            gutter=left,
            measure=self.measurer_for("main", len(lanes)),
            skip=lambda e: e.id in members,
            marks=marks,
            **common,  # type: ignore[arg-type]
        )
        panels: list[tuple[Region, float, float, float, float]] = []
        n = len(clusters)
        pw = (inner - _PANEL_GAP * (n - 1)) / n if n else 0.0
        for i, cluster in enumerate(clusters):
            lo, hi = self._window(cluster)
            px0 = left + i * (pw + _PANEL_GAP)
            pscale = Scale(lo, hi, px0 + PANEL_PAD + gutter, pw - 2 * PANEL_PAD - gutter)
            inside = [e for e in self.events if lo <= self.spans[id(e)][0] and self._end(e) <= hi]
            name = f"panel{i + 1}"
            region = plan_region(
                name,
                self.t,
                inside,
                pscale,
                self.view.min_importance,
                gutter=px0 + PANEL_PAD,
                measure=self.measurer_for(name, len(lanes_of(self.t, inside))),
                **common,  # type: ignore[arg-type]
            )
            region.caption = self.cwords.detail.format(span_phrase(self.t, lo, hi, self.locale))
            hx0, hx1 = scale.x(lo), scale.x(hi)
            if hx1 - hx0 < 8.0:
                mid = (hx0 + hx1) / 2
                hx0, hx1 = mid - 4.0, mid + 4.0
            main.keep_clear.append((hx0 - 3.0, hx1 + 3.0))
            panels.append((region, px0, px0 + pw, hx0, hx1))

        regions = [main, *(p[0] for p in panels)]
        # A shade means the same number of events in every lane and panel.
        most = max(r.most for r in regions)
        for r in regions:
            r.levels = level_of(most) + 1 if most else 0
        all_marks = [k for r in regions for k in r.marks]
        one, merged = _shown(regions)
        items = legend_items(
            one,
            self.cwords,
            self.words.certainty,
            self.t.as_of,
            merged=merged,
            most=most,
            locale=self.locale,
        )

        y = -_TOP
        y = self._header(y)
        if items:
            y -= 4.0
            draw_legend(self.painter, items, left, y, inner)
            y -= legend_height(self.painter, items, inner)
        y -= 12.0
        if not self.events:
            self.painter.text(left, y, self.words.empty, SIZES.label, color=self.theme.muted)
            y -= 24.0
        else:
            main_top = y
            axis_y, y = draw_region(self.painter, main, y)
            if panels:
                y -= _FUNNEL
                panel_bottom = y
                for region, px0, px1, hx0, hx1 in panels:
                    draw_funnel(
                        self.painter, main_top - main.top_band, axis_y, y, hx0, hx1, px0, px1
                    )
                    bottom = draw_region(self.painter, region, y - 4.0)[1]
                    draw_frame(
                        self.painter, region.name, px0, px1, y, bottom - 4.0, region.caption or ""
                    )
                    panel_bottom = min(panel_bottom, bottom - 4.0)
                y = panel_bottom
        dropped = main.dropped + sum(p[0].dropped for p in panels) if self.events else 0
        y -= 10.0
        y = self._footer(y, all_marks, dropped, regions if self.events else [])
        return -(y - _BOTTOM)

    def _gutter(self) -> float:
        """Room on the left for lane names: the longest name, within limits (it wraps)."""
        if not self.t.groups:
            return 0.0
        names = [g.label for g in self.t.groups.values()] + [self.cwords.other]
        widest = max(self.meas.width(n, SIZES.lane, True) for n in names)
        return min(max(widest, 40.0), 96.0) + 11.0 + 8.0

    def _styles(self) -> dict[str | None, LaneStyle]:
        """Every group's style, from its place in the file, so colours agree across panels."""
        groups: list[Group | None] = [*self.t.groups.values(), None]
        styles = lane_styles(self.theme, groups)
        return {(g.id if g is not None else None): st for g, st in zip(groups, styles, strict=True)}

    def _start(self) -> tuple[float, str]:
        """Where headings and notes start: the left margin, or the right one in a
        right-to-left language."""
        if locale_data(self.locale).rtl:
            return self.width - _MARGIN, "right"
        return _MARGIN, "left"

    def _header(self, y: float) -> float:
        """Kicker, title and subtitle; returns the y under them."""
        inner = self.width - 2 * _MARGIN
        meas, p, theme = self.meas, self.painter, self.theme
        title = self.view.title or self.t.title
        x, ha = self._start()
        if self.view.title and self.view.title != self.t.title:
            kicker = "\n".join(meas.wrap(self.t.title, inner, SIZES.kicker, True))
            p.text(x, y, kicker, SIZES.kicker, bold=True, color=theme.muted, ha=ha, gid="kicker")
            y -= meas.box(kicker, SIZES.kicker, True)[1] + 3.0
        text = "\n".join(meas.wrap(title, inner, SIZES.title, True))
        p.text(x, y, text, SIZES.title, bold=True, ha=ha, gid="title")
        y -= meas.box(text, SIZES.title, True)[1] + 4.0
        subtitle = self.view.subtitle or (None if self.view.title else self.t.subtitle)
        if subtitle:
            text = "\n".join(meas.wrap(subtitle, inner, SIZES.subtitle))
            p.text(x, y, text, SIZES.subtitle, color=theme.muted, ha=ha, gid="subtitle")
            y -= meas.box(text, SIZES.subtitle)[1] + 2.0
        return y

    def _footer(self, y: float, marks: list[Mark], dropped: int, regions: list[Region]) -> float:
        """As-of date, time zone, how dense strips count, sources and any unlabelled events,
        wrapped."""
        inner = self.width - 2 * _MARGIN
        w = self.words
        parts = [around_phrase(w.as_of, self.t.as_of, locale=self.locale)]
        if any(k.event.when.start.has_time and k.labelled for k in marks):
            parts.append(w.times_in.format(self.t.timezone))
        slices = self._slices(regions)
        if slices:
            parts.append(self.cwords.dense_note.format(slices))
        if dropped:
            parts.append(counted(self.cwords.unlabelled, dropped, self.locale))
        names = _source_names(self.t, self.events)
        base = " ".join(parts)
        for keep in range(len(names), -1, -1):
            shown = w.semicolon.join(names[:keep])
            if keep < len(names):
                more = counted(w.more, len(names) - keep, self.locale)
                shown = f"{shown} {more}" if shown else more
            text = f"{base} {w.sources}{w.colon}{shown}." if names else base
            lines = self.meas.wrap(text, inner, SIZES.footer)
            if len(lines) <= 4 or keep == 0:
                break
        block = "\n".join(lines)
        x, ha = self._start()
        self.painter.text(x, y, block, SIZES.footer, color=self.theme.muted, ha=ha, gid="footer")
        return y - self.meas.box(block, SIZES.footer)[1]

    def _slices(self, regions: list[Region]) -> str | None:
        """The length of the slices dense strips count in ("3 months"), with the detail
        panels' when theirs differ; None when no region is dense."""
        cw = self.cwords

        def phrase(r: Region) -> str:
            assert r.slices is not None
            return counted(cw.units[r.slices.unit], r.slices.count, self.locale)

        dense = [r for r in regions if r.slices is not None]
        if not dense:
            return None
        main = phrase(dense[0]) if dense[0].name == "main" else None
        panels = list(dict.fromkeys(phrase(r) for r in dense if r.name != "main"))
        detail = ", ".join(panels)
        if main is None:
            return detail
        if not panels or panels == [main]:
            return main
        return cw.detail_slices.format(main, detail)

    def _end(self, e: Event) -> int:
        """The first instant after everything ``e`` can mean (an ongoing period: ``as_of``)."""
        return self.spans[id(e)][3]

    # -- time -----------------------------------------------------------------------------

    def _time_range(self) -> tuple[float, float]:
        """The span of the main axis: the view's ``from``/``to`` (and the command line's)
        where given, else the events' span with a little room on each side."""
        t, o = self.t, self.options
        los = [t.bounds(w)[0] for w in (self.view.start, o.start) if w is not None]
        his = [t.bounds(w)[1] for w in (self.view.stop, o.stop) if w is not None]
        if self.events:
            d_lo = min(s[0] for s in self.spans.values())
            d_hi = max(s[3] for s in self.spans.values())
        else:
            d_lo, d_hi = t.as_of.bounds(t.tz)
        lo = float(max(los)) if los else float(d_lo)
        hi = float(min(his)) if his else float(d_hi)
        if hi - lo < 3600.0:
            mid = (lo + hi) / 2
            lo, hi = mid - 1800.0, mid + 1800.0
        pad = (hi - lo) * 0.025
        return (lo if los else lo - pad), (hi if his else hi + pad)

    def _window(self, cluster: Cluster) -> tuple[float, float]:
        """The time a detail panel shows: its events' span, with a little room."""
        spans = [self.spans[id(k.event)] for k in cluster.marks]
        lo, hi = float(min(s[0] for s in spans)), float(max(s[3] for s in spans))
        if hi - lo < 3600.0:
            mid = (lo + hi) / 2
            lo, hi = mid - 1800.0, mid + 1800.0
        return lo, hi


#: Above this many events a chart is crowded: lanes get a share of a fixed height budget
#: instead of growing until every label fits.
_CROWDED = 300


def _metrics(row: float, events: int, lanes: int) -> Metrics:
    """Layout limits: generous for ordinary chronologies, a height budget for huge ones."""
    if events <= _CROWDED:
        return Metrics(row=row, marker=SIZES.milestone, bar=SIZES.bar)
    return Metrics(
        row=row,
        marker=SIZES.milestone,
        bar=SIZES.bar,
        max_rows=max(6, 48 // max(lanes, 1)),
        max_tracks=max(2, 18 // max(lanes, 1)),
        fill_gaps=False,
    )


def _shown(regions: list[Region]) -> tuple[list[Mark], list[Mark]]:
    """The marks drawn one by one, and the bars merged in dense regions."""
    one: list[Mark] = []
    merged: list[Mark] = []
    for r in regions:
        if r.slices is None:
            one.extend(r.marks)
            continue
        for layout in r.layouts:
            labelled = {id(lb.mark) for lb in layout.labels}
            one.extend(k for k in layout.marks if id(k) in labelled)
            merged.extend(k for k in layout.marks if k.bar and id(k) not in labelled)
    return one, merged


def _source_names(t: Timeline, events: Sequence[Event]) -> list[str]:
    """Who published the sources the events cite, in the file's order, each once."""
    cited = {s for e in events for s in e.sources}
    names: list[str] = []
    for sid, source in t.sources.items():
        if sid in cited:
            name = source.publisher or source.title
            if name not in names:
                names.append(name)
    return names
