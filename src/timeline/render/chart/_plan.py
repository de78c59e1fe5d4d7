"""Planning a chart: every text measured and every mark placed, top to bottom, before
anything is drawn, so that the height of a chart (or of one part of it) is known first.

A :class:`Planner` holds what every part of one chart shares (the chronology, the view,
the type sizes, the measured labels); :meth:`Planner.plan` lays out the events of one part
into a :class:`Plan`, which ``_paint`` draws. Splitting a view into parts (``_parts``)
plans candidate parts until each fits its destination's height.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from timeline.i18n.locale import locale_data
from timeline.i18n.phrases import around_phrase
from timeline.i18n.words import counted, number, words
from timeline.model import Event, Group, Timeline, View
from timeline.render.chart._axis import Scale
from timeline.render.chart._crowds import Cluster, find_clusters
from timeline.render.chart._dense import level_of
from timeline.render.chart._geometry import LabelSize, Mark, Metrics
from timeline.render.chart._legend import LegendItem, legend_height, legend_items
from timeline.render.chart._marks import (
    Changed,
    Span,
    build_marks,
    date_line,
    lanes_of,
    spans_of,
    tagged,
)
from timeline.render.chart._panels import PANEL_PAD, span_phrase
from timeline.render.chart._region import Region, plan_region
from timeline.render.chart._text import Measurer
from timeline.render.chart._theme import LaneStyle, Sizes, Theme, lane_styles
from timeline.render.chart._words import chart_words
from timeline.render.chart.sizes import Size

__all__ = ["ALL_LABELS", "PanelPlan", "Plan", "Planner", "TextBlock"]

#: Up to this many events at or above a view's label threshold, every one is labelled
#: (the chart grows, and is split into parts where its destination limits the height).
ALL_LABELS = 150
#: Above this many events a chart is crowded: markers may overlap, and unlabelled bars
#: share a last track instead of each finding room.
_CROWDED = 300

# Fixed distances, in points at the default type sizes (scaled with the type).
_TOP = 18.0
_BOTTOM = 14.0
_PANEL_GAP = 18.0
_FUNNEL = 22.0
_WIDE_MARGIN = 24.0
_NARROW_MARGIN = 14.0
#: Narrower than this (at the default type), lane names stand above their lanes.
_NARROW = 600.0
#: Detail panels narrower than this are stacked instead of set side by side.
_MIN_PANEL = 260.0
_LABEL_WIDTH = 150.0


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A text of the header or footer, laid out: its top is ``dy`` under the block's top."""

    text: str
    size: float
    dy: float
    bold: bool
    muted: bool
    gid: str
    #: Aligned at the end of the line (the part number), not at its start.
    at_end: bool = False


@dataclass(slots=True)
class PanelPlan:
    """A detail panel: its region, its frame's x extent and the span it magnifies on the
    main axis."""

    region: Region
    x0: float
    x1: float
    hx0: float
    hx1: float


@dataclass(slots=True)
class Plan:
    """One part of a chart, laid out; heights in points."""

    events: list[Event]
    part: int  # 1-based
    parts: int
    width: float
    header: list[TextBlock]
    header_height: float
    items: list[LegendItem]
    legend_height: float
    main: Region | None
    panel_rows: list[list[PanelPlan]]
    footer: list[TextBlock]
    footer_height: float
    dropped: int
    height: float = 0.0
    regions: list[Region] = field(default_factory=list)

    @property
    def funnels(self) -> bool:
        """Panels set in one row are joined to their spans by funnels; stacked panels are
        not (the funnels would cross the panels above): their captions name their span."""
        return len(self.panel_rows) == 1

    @property
    def labelled(self) -> set[str]:
        """The ids of the events labelled in this part."""
        return {lb.mark.event.id for r in self.regions for lay in r.layouts for lb in lay.labels}


class Planner:
    """Lays out the parts of one view's chart.

    ``events`` are every event of the view; ``size`` is the destination (width, height
    limit, type); ``measurer`` measures text as it will be drawn.
    """

    def __init__(
        self,
        timeline: Timeline,
        view: View,
        events: Sequence[Event],
        *,
        size: Size,
        sizes: Sizes,
        theme: Theme,
        locale: str,
        measurer: Measurer,
        detail: bool = True,
        max_labels: int = 240,
        dense_above: int,
        window: tuple[float | None, float | None] = (None, None),
        changed: Changed | None = None,
    ) -> None:
        self.t = timeline
        #: Events whose labels carry a NEW or UPDATED tag (in the date line).
        self.changed = changed
        self.view = view
        self.events = list(events)
        self.size = size
        self.sz = sizes
        self.theme = theme
        self.locale = locale
        self.meas = measurer
        self.detail = detail
        self.max_labels = max_labels
        self.dense_above = dense_above
        #: The view's bounds (and the command line's), epoch seconds, or None.
        self.window = window
        self.spans: dict[int, Span] = spans_of(timeline, self.events)
        k = sizes.k
        self.width = size.width_cm / 2.54 * 72.0
        self.narrow = self.width / k < _NARROW
        self.margin = (_NARROW_MARGIN if self.narrow else _WIDE_MARGIN) * k
        self.inner = self.width - 2 * self.margin
        wanted = sum(1 for e in self.events if e.importance >= view.min_importance)
        #: Every label at or above the threshold is placed (the chart grows for them).
        self.complete = wanted <= ALL_LABELS
        self.crowded = len(self.events) > _CROWDED
        self.max_height = None if size.max_height_in is None else size.max_height_in * 72.0
        self.words = words(locale)
        self.cwords = chart_words(locale)
        self.styles = self._styles()
        self.gutter = 0.0 if self.narrow else self._gutter()
        self.row = measurer.box("Ag", sizes.label)[1] + 1.0 * k
        #: The share of the usual row and track limits a huge chart may use.
        self.budget = 1.0
        self.metrics = self._metrics()
        self._labels: dict[tuple[str, float], LabelSize] = {}
        #: Whether runs of events fit in one part, by (start, stop), for ``_parts``.
        self.memo: dict[tuple[int, int], bool] = {}
        self._marks: dict[tuple[object, ...], list[Mark]] = {}
        self._clusters: dict[tuple[object, ...], list[Cluster]] = {}

    # -- the layout's limits --------------------------------------------------------------

    def _metrics(self) -> Metrics:
        """Distances of the layout at this type size, and its limits: none where every label
        must be placed; a height budget for huge charts."""
        sz, k = self.sz, self.sz.k
        axis = self.inner - self.gutter
        widest = max(40.0 * k, min(_LABEL_WIDTH * k, axis / 2 - 10.0 * k))
        common = Metrics(
            row=self.row,
            marker=sz.milestone,
            bar=sz.bar,
            stem_min=4.0 * k,
            stem_pad=2.5 * k,
            h_gap=5.0 * k,
            track_gap=4.0 * k,
            label_gap=1.5 * k,
            tail=16.0 * k,
            arrow=6.0 * k,
            max_label_width=widest,
            entry_gap=2.0 * k,
        )
        lanes = len(lanes_of(self.t, self.events))
        if self.complete:
            return replace(
                common,
                max_rows=1_000_000,
                max_tracks=1_000_000,
                complete=True,
                pile_unlabelled=not self.crowded,
                fill_gaps=not self.crowded,
            )
        b = self.budget
        if not self.crowded:
            return replace(common, max_rows=max(1, int(28 * b)), max_tracks=max(1, int(14 * b)))
        return replace(
            common,
            max_rows=max(1, int(48 * b) // max(lanes, 1)),
            # None at the smallest budget: bars then share the last track, unlabelled.
            max_tracks=int(18 * b) // max(lanes, 1),
            fill_gaps=False,
        )

    def shrink_to(self, budget: float) -> None:
        """Use ``budget`` of the usual label rows and bar tracks (a chart that does not
        label every event, too tall for its destination)."""
        self.budget = budget
        self.metrics = self._metrics()

    # -- labels ---------------------------------------------------------------------------

    def measure(self, mark: Mark, max_width: float) -> LabelSize:
        """Wrap and measure one label (each is measured once per width; widths below the
        widest are taken in steps of a few points, which changes little and saves most
        measurements when a chart is planned several times)."""
        e = mark.event
        step = 6.0 * self.sz.k
        if max_width < self.metrics.max_label_width:
            max_width = max(step, step * (max_width // step))
        key = (e.id, round(max_width, 1))
        found = self._labels.get(key)
        if found is not None:
            return found
        meas, sz = self.meas, self.sz
        line = tagged(date_line(e, self.locale), e, self.changed, self.locale)
        date = "\n".join(meas.wrap(line, max_width, sz.label_date, True))
        title = "\n".join(meas.wrap(e.title, max_width, sz.label, e.is_milestone, balance=True))
        dw, dh = meas.box(date, sz.label_date, True)
        tw, th = meas.box(title, sz.label, e.is_milestone)
        found = LabelSize(max(dw, tw), dh + 0.5 * sz.k + th, date, dh, title)
        self._labels[key] = found
        return found

    def measurer_for(self, region: str, lanes: int) -> Callable[[Mark, float], LabelSize | None]:
        """The label measure of one region. Where every label is placed it is unlimited;
        in a huge chart each lane may measure its share of the chart's label budget, so
        a crowded lane cannot starve the others."""
        if self.complete:
            return self.measure
        # A chart given fewer rows to fit its height has room for fewer labels: it
        # measures fewer candidates too.
        share = max(2, int(self.max_labels * min(1.0, 2 * self.budget)) // max(lanes, 1))
        if region != "main":
            share = max(2, share // 2)
        used: dict[int, int] = {}

        def measure(mark: Mark, max_width: float) -> LabelSize | None:
            n = used.get(mark.lane, 0)
            if n >= share:
                return None
            used[mark.lane] = n + 1
            return self.measure(mark, max_width)

        return measure

    # -- one part -------------------------------------------------------------------------

    def plan(
        self,
        events: Sequence[Event],
        *,
        part: int = 1,
        parts: int = 1,
        span: tuple[float, float] | None = None,
    ) -> Plan:
        """Lay out ``events`` (all of the view's, or one part's) as part ``part`` of
        ``parts``; ``span`` is the time the main axis shows (default: the events')."""
        events = list(events)
        header, header_h = self._header(part, parts)
        main: Region | None = None
        rows: list[list[PanelPlan]] = []
        regions: list[Region] = []
        if events:
            main, rows = self._regions(events, span or self._time_range(events))
            regions = [main, *(p.region for row in rows for p in row)]
            most = max(r.most for r in regions)
            for r in regions:
                r.levels = level_of(most) + 1 if most else 0
        else:
            most = 0
        one, merged = _shown(regions)
        items = legend_items(
            one,
            self.cwords,
            self.words.certainty,
            self.t.as_of,
            merged=merged,
            most=most,
            locale=self.locale,
            changed=self.changed,
        )
        dropped = sum(r.dropped for r in regions)
        footer, footer_h = self._footer(events, regions, dropped)
        plan = Plan(
            events,
            part,
            parts,
            self.width,
            header,
            header_h,
            items,
            legend_height(self.meas, self.sz, items, self.inner),
            main,
            rows,
            footer,
            footer_h,
            dropped,
            regions=regions,
        )
        plan.height = self._height(plan)
        return plan

    def _height(self, plan: Plan) -> float:
        """The whole part's height, in the order ``_paint`` draws it."""
        k = self.sz.k
        y = _TOP * k + plan.header_height
        if plan.items:
            y += 4.0 * k + plan.legend_height
        y += 12.0 * k
        if plan.main is None:
            y += 24.0 * k
        else:
            y += plan.main.height
            for i, row in enumerate(plan.panel_rows):
                y += _FUNNEL * k if plan.funnels else _PANEL_GAP * k if i == 0 else 0.0
                y += max(p.region.height for p in row) + 8.0 * k
                y += _PANEL_GAP * k / 2 if i + 1 < len(plan.panel_rows) else 0.0
        y += 10.0 * k + plan.footer_height + _BOTTOM * k
        return y

    def fits(self, plan: Plan) -> bool:
        """True when ``plan`` is within its destination's height (always, for ``wide``)
        with every label it must have."""
        if self.complete and plan.dropped:
            return False
        return self.max_height is None or plan.height <= self.max_height + 0.01

    # -- regions --------------------------------------------------------------------------

    def _regions(
        self, events: list[Event], span: tuple[float, float]
    ) -> tuple[Region, list[list[PanelPlan]]]:
        """The main timeline and its detail panels (in rows), laid out."""
        k = self.sz.k
        left, inner, gutter = self.margin, self.inner, self.gutter
        scale = Scale(span[0], span[1], left + gutter, inner - gutter)
        lanes = lanes_of(self.t, events)
        # A run of the view's events is known by its ends and length; planning it again
        # (a part tried at several lengths, a huge chart at several budgets) reuses its marks.
        key = (span, len(events), events[0].id, events[-1].id)
        marks = self._marks.get(key)
        if marks is None:
            marks = self._marks[key] = build_marks(
                self.t,
                events,
                scale,
                lanes,
                self.view.min_importance,
                self.metrics,
                self.sz.marker,
                spans=self.spans,
            )
        clusters: list[Cluster] = []
        if self.detail:
            found = self._clusters.get(key)
            if found is None:
                limit = None if self.complete else 2
                found = self._clusters[key] = find_clusters(marks, inner - gutter, limit, k)
            clusters = found
        # Events a panel shows are drawn there one by one: on the main axis they need
        # neither a label nor a place of their own.
        windows = [self._window(c) for c in clusters]
        members = {
            e.id
            for e in events
            if any(lo <= self.spans[id(e)][0] and self.spans[id(e)][3] <= hi for lo, hi in windows)
        }
        main = self._region(
            "main",
            events,
            scale,
            gutter=left,
            measure=self.measurer_for("main", len(lanes)),
            skip=lambda e: e.id in members,
            marks=marks,
        )
        per_row = max(1, min(len(clusters), int((inner + _PANEL_GAP * k) // (_MIN_PANEL * k))))
        rows: list[list[PanelPlan]] = []
        for i, cluster in enumerate(clusters):
            col = i % per_row
            if col == 0:
                rows.append([])
            n = min(per_row, len(clusters) - (i - col))
            pw = (inner - _PANEL_GAP * k * (n - 1)) / n
            px0 = left + col * (pw + _PANEL_GAP * k)
            rows[-1].append(self._panel(i + 1, cluster, events, scale, px0, pw))
        return main, rows

    def _panel(
        self,
        number_: int,
        cluster: Cluster,
        events: list[Event],
        scale: Scale,
        px0: float,
        pw: float,
    ) -> PanelPlan:
        k = self.sz.k
        pad = PANEL_PAD * k
        lo, hi = self._window(cluster)
        pscale = Scale(lo, hi, px0 + pad + self.gutter, pw - 2 * pad - self.gutter)
        inside = [e for e in events if lo <= self.spans[id(e)][0] and self.spans[id(e)][3] <= hi]
        name = f"panel{number_}"
        region = self._region(
            name,
            inside,
            pscale,
            gutter=px0 + pad,
            measure=self.measurer_for(name, len(lanes_of(self.t, inside))),
        )
        region.caption = self.cwords.detail.format(span_phrase(self.t, lo, hi, self.locale))
        hx0, hx1 = scale.x(lo), scale.x(hi)
        if hx1 - hx0 < 8.0 * k:
            mid = (hx0 + hx1) / 2
            hx0, hx1 = mid - 4.0 * k, mid + 4.0 * k
        return PanelPlan(region, px0, px0 + pw, hx0, hx1)

    def _region(
        self,
        name: str,
        events: list[Event],
        scale: Scale,
        *,
        gutter: float,
        measure: Callable[[Mark, float], LabelSize | None],
        skip: Callable[[Event], bool] = lambda e: False,
        marks: list[Mark] | None = None,
    ) -> Region:
        return plan_region(
            name,
            self.t,
            events,
            scale,
            self.view.min_importance,
            theme=self.theme,
            measurer=self.meas,
            metrics=self.metrics,
            measure=measure,
            locale=self.locale,
            other_label=self.cwords.other,
            gutter=gutter,
            styles_by_group=self.styles,
            skip=skip,
            marks=marks,
            spans=self.spans,
            dense_above=self.dense_above,
            sizes=self.sz,
            headers=self.narrow,
        )

    def _gutter(self) -> float:
        """Room on the left for lane names: the longest name, within limits (it wraps)."""
        if not self.t.groups:
            return 0.0
        k = self.sz.k
        names = [g.label for g in self.t.groups.values()] + [self.cwords.other]
        widest = max(self.meas.width(n, self.sz.lane, True) for n in names)
        return min(max(widest, 40.0 * k), 96.0 * k) + 19.0 * k

    def _styles(self) -> dict[str | None, LaneStyle]:
        """Every group's style, from its place in the file, so colours agree across panels
        and parts."""
        groups: list[Group | None] = [*self.t.groups.values(), None]
        styles = lane_styles(self.theme, groups)
        return {(g.id if g is not None else None): st for g, st in zip(groups, styles, strict=True)}

    # -- time -----------------------------------------------------------------------------

    def _time_range(self, events: Sequence[Event]) -> tuple[float, float]:
        """The span of the main axis: the view's ``from``/``to`` (and the command line's)
        where given, else the events' span with a little room on each side."""
        lo_bound, hi_bound = self.window
        if events:
            d_lo = min(self.spans[id(e)][0] for e in events)
            d_hi = max(self.spans[id(e)][3] for e in events)
        else:
            d_lo, d_hi = self.t.as_of.bounds(self.t.tz)
        return pad_span(float(d_lo), float(d_hi), lo_bound, hi_bound)

    def _window(self, cluster: Cluster) -> tuple[float, float]:
        """The time a detail panel shows: its events' span, with a little room."""
        spans = [self.spans[id(m.event)] for m in cluster.marks]
        lo, hi = float(min(s[0] for s in spans)), float(max(s[3] for s in spans))
        if hi - lo < 3600.0:
            mid = (lo + hi) / 2
            lo, hi = mid - 1800.0, mid + 1800.0
        return lo, hi

    # -- header and footer ----------------------------------------------------------------

    def rtl(self) -> bool:
        return locale_data(self.locale).rtl

    def _header(self, part: int, parts: int) -> tuple[list[TextBlock], float]:
        """Kicker, title (with "1 of 3" at the end of its line in a chart in parts) and
        subtitle; returns them and their height."""
        meas, sz, k, inner = self.meas, self.sz, self.sz.k, self.inner
        title = self.view.title or self.t.title
        out: list[TextBlock] = []
        y = 0.0
        if self.view.title and self.view.title != self.t.title:
            kicker = "\n".join(meas.wrap(self.t.title, inner, sz.kicker, True))
            out.append(TextBlock(kicker, sz.kicker, y, True, True, "kicker"))
            y += meas.box(kicker, sz.kicker, True)[1] + 3.0 * k
        room = inner
        if parts > 1:
            which = self.cwords.part.format(number(part, self.locale), number(parts, self.locale))
            # Room for the widest such phrase, so that the title wraps alike in every part.
            widest = self.cwords.part.format(number(parts, self.locale), number(parts, self.locale))
            w = meas.width(widest, sz.subtitle, True)
            room = inner - w - 12.0 * k
            dy = y + (sz.title - sz.subtitle) * 0.8
            out.append(TextBlock(which, sz.subtitle, dy, True, True, "part", at_end=True))
        text = "\n".join(meas.wrap(title, room, sz.title, True))
        out.append(TextBlock(text, sz.title, y, True, False, "title"))
        y += meas.box(text, sz.title, True)[1] + 4.0 * k
        subtitle = self.view.subtitle or (None if self.view.title else self.t.subtitle)
        if subtitle:
            text = "\n".join(meas.wrap(subtitle, inner, sz.subtitle))
            out.append(TextBlock(text, sz.subtitle, y, False, True, "subtitle"))
            y += meas.box(text, sz.subtitle)[1] + 2.0 * k
        return out, y

    def _footer(
        self, events: list[Event], regions: list[Region], dropped: int
    ) -> tuple[list[TextBlock], float]:
        """As-of date, time zone, how dense strips count, sources and any unlabelled events,
        wrapped (the sources cut short to keep it within four lines)."""
        w, sz = self.words, self.sz
        parts = [around_phrase(w.as_of, self.t.as_of, locale=self.locale)]
        timed = any(
            lb.mark.event.when.start.has_time
            for r in regions
            for lay in r.layouts
            for lb in lay.labels
        )
        if timed:
            parts.append(w.times_in.format(self.t.timezone))
        slices = self._slices(regions)
        if slices:
            parts.append(self.cwords.dense_note.format(slices))
        if dropped:
            parts.append(counted(self.cwords.unlabelled, dropped, self.locale))
        names = _source_names(self.t, events)
        base = " ".join(parts)

        def wrapped(keep: int) -> list[str]:
            shown = w.semicolon.join(names[:keep])
            if keep < len(names):
                more = counted(w.more, len(names) - keep, self.locale)
                shown = f"{shown} {more}" if shown else more
            text = f"{base} {w.sources}{w.colon}{shown}." if names else base
            return self.meas.wrap(text, self.inner, sz.footer)

        # The most names that fit in four lines. Measuring every count from all names down
        # cost minutes for hundreds of sources: count only names whose letters could fit at
        # all, then search that range by halves (more names never take fewer lines).
        lo, hi = 0, _names_that_could_fit(names, 4 * self.inner / (0.2 * sz.footer))
        lines = wrapped(hi)
        if len(lines) > 4:
            while lo < hi - 1:
                mid = (lo + hi) // 2
                if len(wrapped(mid)) <= 4:
                    lo = mid
                else:
                    hi = mid
            lines = wrapped(lo)
        block = "\n".join(lines)
        height = self.meas.box(block, sz.footer)[1]
        return [TextBlock(block, sz.footer, 0.0, False, True, "footer")], height

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


def pad_span(
    lo: float, hi: float, lo_bound: float | None, hi_bound: float | None
) -> tuple[float, float]:
    """An axis from ``lo`` to ``hi`` (at least an hour), with a little room on each side
    not fixed by a bound; a bound replaces its side."""
    lo = lo_bound if lo_bound is not None else lo
    hi = hi_bound if hi_bound is not None else hi
    if hi - lo < 3600.0:
        mid = (lo + hi) / 2
        lo, hi = mid - 1800.0, mid + 1800.0
    pad = (hi - lo) * 0.025
    return (lo if lo_bound is not None else lo - pad), (hi if hi_bound is not None else hi + pad)


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


def _names_that_could_fit(names: list[str], chars: float) -> int:
    """How many of ``names`` (with their separators) fit in ``chars`` characters."""
    used = 0
    for i, name in enumerate(names):
        used += len(name) + 2
        if used > chars:
            return i
    return len(names)


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
