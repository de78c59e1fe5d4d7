"""The down chart: time running from the top of the page to the bottom, for document
columns and phones.

One figure per part (see :mod:`._down_layout`); each is a complete chart: title (with "1 of
3" when split), the lane key and the key to the marks, the lanes' column heads, the body,
and the footer. Built without pyplot inside ``matplotlib.rc_context`` like the across chart,
and saved by the same :func:`figure_bytes` (deterministic bytes, text kept as text in SVG).
Fonts and the missing-glyph check are the across chart's.
"""

from __future__ import annotations

import heapq
import math
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast

from timeline.dates import Date, Precision, When
from timeline.i18n.locale import locale_data
from timeline.i18n.phrases import around_phrase, date_phrase
from timeline.i18n.words import counted, number, words
from timeline.model import Certainty, Event, Group, Timeline, View
from timeline.render.chart._compose import _plain_texts, _rc, _texts
from timeline.render.chart._down_axis import AxisRules, AxisTick, split_tick
from timeline.render.chart._down_draw import Columns, draw_body, lane_swatches
from timeline.render.chart._down_key import Key
from timeline.render.chart._down_layout import (
    LABEL_CAP,
    DownMark,
    Entry,
    Part,
    Plan,
    Room,
    assign_tracks,
    choose_labelled,
    copy_entry,
    entry_order,
    milestone_shadow,
    occupied_times,
    plan_parts,
    unsplit,
    whole_height,
)
from timeline.render.chart._down_words import down_words
from timeline.render.chart._draw import Painter
from timeline.render.chart._geometry import LabelSize, Metrics
from timeline.render.chart._legend import LegendItem
from timeline.render.chart._marks import Changed, date_line, lanes_of, spans_of, tagged
from timeline.render.chart._paint import _chart_figure, _finish, chart_axes
from timeline.render.chart._plan import _source_names
from timeline.render.chart._text import BASE_FAMILY, Measurer, MissingGlyphError, font_families
from timeline.render.chart._theme import LaneStyle, Sizes, Theme, get_theme, lane_styles
from timeline.render.chart._words import chart_words
from timeline.render.chart.sizes import DEFAULT_SIZE, SIZES, Size

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["DownOptions", "PartShows", "down_chart", "part_shows", "type_sizes"]

_TOP = 16.0
_BOTTOM = 12.0
#: Below this width (in points, at 8 pt labels) a chart is narrow (a phone, a narrow
#: column): thinner margins, the axis' dates on two lines, a shorter leader zone.
NARROW = 300.0
#: When lanes side by side would leave the labels less than this (points at 8 pt labels),
#: the lanes share one column of marks, each lane told by its colour and its shape.
FOLD_BELOW = 150.0
#: The shapes of lanes that share a column: one for each of twelve lanes.
FOLD_SHAPES = ("o", "s", "^", "D", "v", "p", "h", "<", ">", "*", "P", "X")


@dataclass(frozen=True, slots=True)
class DownOptions:
    """How to draw a down chart: its destination (``size``, ``width_cm`` overriding the
    size's width), theme, PNG resolution, language, preferred fonts, the command line's
    ``--from``/``--to``, how many labels a view of very many events gets at most, and the
    events whose labels carry a change tag (``NEW``, ``UPDATED``)."""

    size: Size = SIZES[DEFAULT_SIZE]
    theme: str = "light"
    dpi: int = 300
    locale: str | None = None
    fonts: tuple[str, ...] = (BASE_FAMILY,)
    start: When | None = None
    stop: When | None = None
    label_cap: int = LABEL_CAP
    changed: Changed | None = field(default=None, compare=False, repr=False)


def type_sizes(size: Size) -> Sizes:
    """The chart's type and mark sizes at ``size``: labels at its label size, dates, axis,
    key and footer at least its small size (the defaults are the column's).

    Narrower than the column, the title and subtitle shrink with the width (a 17 pt title
    across 6 cm wraps to five lines, and a chart in parts repeats it on every part), the
    title down to a quarter above the label size and the subtitle down to the label size.
    """
    base = Sizes()
    big = size.label_pt / base.label
    small = size.small_pt / base.label_date
    narrow = min(1.0, size.width_cm / SIZES[DEFAULT_SIZE].width_cm)
    return Sizes(
        kicker=base.kicker * small,
        title=max(base.title * big * narrow, size.label_pt * 1.25),
        subtitle=max(base.subtitle * big * narrow, size.label_pt),
        legend=base.legend * small,
        lane=base.lane * small,
        label=base.label * big,
        label_date=base.label_date * small,
        era=base.era * small,
        tick=base.tick * small,
        panel=base.panel * small,
        footer=base.footer * small,
        marker=base.marker * big,
        milestone=base.milestone * big,
        bar=base.bar * big,
    )


def down_chart(
    timeline: Timeline, view: View, events: Sequence[Event], *, options: DownOptions
) -> list[Figure]:
    """The down chart of ``view`` showing ``events`` (selected and sorted): one Figure per
    part, in order. Raises :class:`MissingGlyphError` as the across chart does."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    theme = get_theme(options.theme)
    locale = options.locale or timeline.locale
    try:
        families = font_families(_plain_texts(timeline, view, events), options.fonts)
    except MissingGlyphError as exc:
        raise MissingGlyphError.located(exc.missing, _texts(timeline, view, events)) from None
    width_in = options.size.width_in
    with matplotlib.rc_context(cast(Any, _rc(theme, families))):
        probe = Figure(figsize=(width_in, 4.0), dpi=options.dpi)
        renderer = FigureCanvasAgg(probe).get_renderer()  # type: ignore[no-untyped-call]
        measurer = Measurer(probe, renderer, families)
        down = _Down(timeline, view, list(events), options, theme, locale, measurer)
        parts = down.plan()
        figures = []
        for i, part in enumerate(parts):
            # The across chart's figure: it draws its text unhinted, as it was measured,
            # whatever the caller's settings.
            fig = _chart_figure()(
                figsize=(width_in, 4.0), dpi=options.dpi, facecolor=theme.background
            )
            FigureCanvasAgg(fig)
            ax = chart_axes(fig)
            height = down.draw(ax, part, i, len(parts))
            fig.set_size_inches(width_in, height / 72.0)
            ax.set_xlim(0.0, down.width)
            ax.set_ylim(-height, 0.0)
            _finish(ax)
            figures.append(fig)
            _SHOWS[fig] = PartShows(part.shown, part.until)
    return figures


@dataclass(frozen=True, slots=True)
class PartShows:
    """What one part of a down chart shows: the events it counts as its own (see
    :class:`Part`) and the last instant its axis reaches (None for the last part)."""

    events: list[Event]
    until: float | None


def part_shows(fig: Figure) -> PartShows | None:
    """What a figure of :func:`down_chart` shows (None for any other figure)."""
    return _SHOWS.get(fig)


_SHOWS: weakref.WeakKeyDictionary[Figure, PartShows] = weakref.WeakKeyDictionary()


class _Down:
    """Plans and draws one down chart."""

    def __init__(
        self,
        timeline: Timeline,
        view: View,
        events: list[Event],
        options: DownOptions,
        theme: Theme,
        locale: str,
        measurer: Measurer,
    ) -> None:
        self.t = timeline
        self.view = view
        self.events = events
        self.options = options
        #: Events whose labels carry a change tag (``NEW``, ``UPDATED``).
        self.changed = options.changed
        self.theme = theme
        self.locale = locale
        self.meas = measurer
        self.sz = sz = type_sizes(options.size)
        self.big = options.size.label_pt / 8.0
        self.width = options.size.width_in * 72.0
        self.narrow = self.width < NARROW * self.big
        self.margin = (6.0 if self.narrow else 14.0) * self.big
        self.rtl = locale_data(locale).rtl
        self.words = words(locale)
        self.cwords = chart_words(locale)
        self.dwords = down_words(locale)
        self.room = Room(
            marker=sz.marker, milestone=sz.milestone, bar=sz.bar * 0.9, arrow=6.0, tail=16.0
        )
        self.line = max(measurer.box("Ag", sz.tick, bold)[1] for bold in (False, True)) + 1.5
        self.spans = spans_of(timeline, events)
        self.lanes = lanes_of(timeline, events) if events else []
        groups: list[Group | None] = list(self.lanes)
        all_groups: list[Group | None] = [*timeline.groups.values(), None]
        by_group = dict(
            zip(
                [g.id if g is not None else None for g in all_groups],
                lane_styles(theme, all_groups),
                strict=True,
            )
        )
        self.styles: list[LaneStyle] = [by_group[g.id if g is not None else None] for g in groups]
        self.labelled = choose_labelled(events, view.min_importance, options.label_cap)
        self.eligible = sum(1 for e in events if e.importance >= view.min_importance)
        self.pitch = sz.marker + 1.0
        self.gutter = self._gutter()
        self.axis_u = self.margin + self.gutter
        self.zone = (8.0 if self.narrow else 12.0) * self.big
        #: The lanes share one column of marks (see :data:`FOLD_BELOW`).
        self.fold = False
        if len(self.lanes) > 1 and self._label_room() < FOLD_BELOW * self.big:
            self.fold = True
            self.styles = [
                LaneStyle(
                    style.color,
                    FOLD_SHAPES[i % len(FOLD_SHAPES)],
                    style.hatch if theme.greyscale else "",
                )
                for i, style in enumerate(self.styles)
            ]
            self.room = replace(self.room, cap=sz.marker)
        self.label_width = self._label_width()
        self.date_width = self._date_width()
        self.cols: list[Columns] = []
        self._key_cache: list[LegendItem] | None = None
        self.key = Key(
            timeline,
            self.lanes,
            self.styles,
            theme,
            self.sz,
            measurer,
            self.room,
            locale,
            shaped=self.fold,
        )
        self.key.changed = options.changed
        self._measured: dict[int, LabelSize] = {}
        self._per_char: tuple[float, ...] | None = None
        self._era_entries: list[Entry] | None = None
        self._pitch: tuple[float, ...] = ()
        self._footers: dict[bool, str] = {}
        self._sources = _source_names(timeline, events)
        self.parts: list[Part] = []

    # -- planning -------------------------------------------------------------------------

    def _gutter(self) -> float:
        """Room for the tick labels: the widest a tick can say, in this language (a narrow
        chart breaks them at their last space, see :func:`split_tick`)."""
        meas, size, loc = self.meas, self.sz.tick, self.locale
        samples = [
            (date_phrase(Date(2024, 9, 28, precision=Precision.DAY), short=True, locale=loc), True),
            (date_phrase(Date(2024, 9, precision=Precision.MONTH), short=True, locale=loc), True),
            ("00:00", False),
            ("2024", False),
        ]
        if self.narrow:
            split = [split_tick(AxisTick(0.0, (t,), (b,), True)) for t, b in samples]
            samples = [(t, b) for tick in split for t, b in zip(tick.lines, tick.bold, strict=True)]
            return max(meas.width(text, size, bold) for text, bold in samples) + 7.0
        return max(meas.width(text, size, bold) for text, bold in samples) + 8.0

    def _lanes_u(self) -> float:
        return self.axis_u + 5.0

    @property
    def columns(self) -> int:
        """How many columns of marks the chart has: one per lane, or one they share."""
        return 1 if self.fold else len(self.lanes)

    def _label_room(self) -> float:
        """The room left for the label column beside the lanes (as many tracks as their
        marks overlapping in time suggest)."""
        inner = self.width - 2 * self.margin
        n = self.columns
        gaps = 2.0 * max(n - 1, 0)
        least = max(n, 1) * self.pitch + gaps
        # Marks close in time need tracks of their own too: keep some room for them.
        low, high = (0.08, 0.2) if self.fold else (0.12, 0.26)
        lanes_room = max(
            least, low * inner, min(self._tracks_guess() * self.pitch + gaps, high * inner)
        )
        return self.width - self.margin - self._lanes_u() - lanes_room - 4.0 - self.zone

    def _label_width(self) -> float:
        """The label column's width: what is left beside the lanes, at most a comfortable
        line length, at least a short one (the lanes make way: their tracks narrow)."""
        least = (70.0 if self.narrow else 90.0) * self.big
        width = max(min(self._label_room(), 340.0 * self.big), least)
        n = self.columns
        if self.narrow:
            # The tracks the marks need, at their narrowest (3 points), come first.
            tracks = min(self._tracks_guess(), 12 * max(n, 1)) * 3.0 + 2.0 * max(n - 1, 0)
            width = min(
                width, self.width - self.margin - self._lanes_u() - tracks - 4.0 - self.zone
            )
        # Room for the longest word, so none is broken, as far as the lanes can make way.
        most = (
            (self.width - self.margin - self._lanes_u() - n * self.pitch - 2.0 * max(n - 1, 0))
            - 4.0
            - self.zone
        )
        return max(width, min(self._longest_word(), most))

    def _longest_word(self) -> float:
        """The width of the longest word of the labels (the few longest by count, measured
        bold at the label's size)."""
        found: set[str] = set()
        for e in self.events:
            if id(e) in self.labelled:
                found.update(e.title.split())
                found.update(_date_line(e, self.locale).split())
        longest = sorted(found, key=lambda w: (-len(w), w))[:6]
        return max((self.meas.width(w, self.sz.label, True) + 1.0 for w in longest), default=0.0)

    def _date_width(self) -> float:
        """The date column's width: room for most date lines (the longest wrap), at most
        two fifths of the label; 0 (the date stands over the title) when a title beside
        it would be left less than a comfortable line."""
        sz = self.sz
        widths = sorted(
            self.meas.width(_date_line(e, self.locale, self.changed), sz.label_date, True)
            for e in self.events
            if id(e) in self.labelled
        )
        if not widths:
            return 40.0 * self.big
        most = widths[min(len(widths) - 1, int(len(widths) * 0.7))]
        column = min(max(most, 40.0 * self.big), 0.4 * self.label_width)
        if self.label_width - column - self.date_gap < 190.0 * self.big:
            return 0.0
        return column

    def _tracks_guess(self) -> int:
        """How many tracks the lanes need, from their events' overlaps in time (bars that
        overlap in time overlap on any scale); at least one per lane."""
        if len(self.events) > 2000:
            return 12 * max(self.columns, 1)  # the most the guess allows
        index = self._column_of()
        busy: dict[int, list[int]] = {i: [] for i in range(self.columns)}
        most = dict.fromkeys(busy, 1)
        for e in self.events:  # in date order
            lane = index.get(e.group, index.get(None, 0))
            s_lo, _, _, e_hi = self.spans[id(e)]
            ends = busy[lane]
            while ends and ends[0] <= s_lo:
                heapq.heappop(ends)
            heapq.heappush(ends, e_hi)
            most[lane] = max(most[lane], len(ends))
        return sum(min(k, 12) for k in most.values()) or 1

    def _column_of(self) -> dict[str | None, int]:
        """Each lane's column (by group id; None for events without a group)."""
        return {
            (g.id if g is not None else None): 0 if self.fold else i
            for i, g in enumerate(self.lanes)
        }

    def plan(self) -> list[Part]:
        """Measure every entry, then lay the chart out in as few parts as its size allows.

        Beyond the label cap (150 events to label), a size with a maximum height gets one
        part, an overview labelling as many of the most important events as fit; the
        footer counts the others and the text chronologies list every one.
        """
        t = self.t
        lo = hi = None
        views = [w for w in (self.view.start, self.options.start) if w is not None]
        if views:
            lo = float(max(t.bounds(w)[0] for w in views))
        views = [w for w in (self.view.stop, self.options.stop) if w is not None]
        if views:
            hi = float(min(t.bounds(w)[1] for w in views))
        times = occupied_times(self.events, self.spans)
        lanes = self._column_of()
        looks = (
            {(g.id if g is not None else None): i for i, g in enumerate(self.lanes)}
            if self.fold
            else None
        )

        def make(labelled: set[int], estimate: bool = False) -> Plan:
            return Plan(
                timeline=t,
                events=self.events,
                spans=self.spans,
                lanes=lanes,
                labelled=labelled,
                entries=self._entries(labelled, estimate),
                room=self.room,
                rules=_rules(self.big),
                line=self.line,
                locale=self.locale,
                view_lo=lo,
                view_hi=hi,
                times=times,
                looks=looks,
                split_ticks=self.narrow,
            )

        max_h = self.options.size.max_height_in
        if max_h is None or not self.events:
            plan = make(self.labelled)
            parts = unsplit(plan)
        else:
            whole = max_h * 72.0 - self._frame_height(marks=None, broken=True, of=None)
            # A split chart's title says "1 of N": room for two digits.
            split = max_h * 72.0 - self._frame_height(marks=None, broken=True, of=88)
            if self.eligible > self.options.label_cap:
                self.labelled = self._overview(make, whole)
                self._footers.clear()  # it counts the events left unlabelled
                whole = max_h * 72.0 - self._frame_height(marks=None, broken=True, of=None)
                plan = make(self.labelled)
            else:
                plan = make(self.labelled)
            parts = plan_parts(plan, split, whole=whole)
        self.parts = parts
        self.cols = self._columns(plan, parts)
        return parts

    def _overview(self, make: Callable[[set[int], bool], Plan], room: float) -> set[int]:
        """The most events (most important first, evenly through time among equals) whose
        labels fit in one part of height ``room``."""
        threshold, cap = self.view.min_importance, self.options.label_cap

        def fits(k: int, estimate: bool) -> bool:
            chosen = choose_labelled(self.events, threshold, k)
            return whole_height(make(chosen, estimate)) <= room

        # Search with labels' sizes estimated from their length (shaping text costs a
        # millisecond a line), then measure the chosen ones and step down until they fit.
        good, bad = 0, cap + 1  # the most known to fit, the fewest known not to
        k = max(2, min(cap, int(room / 40.0)))
        while good + 1 < bad:
            if fits(k, True):
                good = k
            else:
                bad = k
            # Climb while nothing is known not to fit; then halve the gap.
            k = min(cap, max(k + 1, int(k * 1.25))) if bad > cap else (good + bad) // 2
        k = max(good, 1)
        while k > 1 and not fits(k, False):
            k -= 1
        return choose_labelled(self.events, threshold, k)

    def _entries(self, labelled: set[int], estimate: bool = False) -> list[Entry]:
        """The label column's entries: each labelled event's label, measured (or, with
        ``estimate``, its size guessed from its length), and each visible era's title."""
        out = []
        for e in self.events:
            if id(e) not in labelled:
                continue
            size = self._guess(e) if estimate else self._entry(e)
            first = self._first_line if self.date_width else size.date_height
            out.append(Entry(self.spans[id(e)][0], size.height, first / 2, e, size))
        return entry_order(out + [copy_entry(e) for e in self._eras()])

    def _eras(self) -> list[Entry]:
        """The title of each era the chart reaches, measured once."""
        if self._era_entries is not None:
            return self._era_entries
        out = []
        if self.events:
            first = min(s[0] for s in self.spans.values())
            last = max(s[3] for s in self.spans.values())
            for i, era in enumerate(self.t.eras):
                a, b = self.t.bounds(era.when)
                if b <= first or a >= last:
                    continue
                italic = self.slanted(era.title)
                text = "\n".join(
                    self.meas.wrap(era.title, self.label_width, self.sz.era, True, italic)
                )
                h = self.meas.box(text, self.sz.era, True, italic)[1]
                out.append(
                    Entry(float(max(a, first)), h + 2.0, h / 2, era=i, text=text, slanted=italic)
                )
        self._era_entries = out
        return out

    @property
    def title_width(self) -> float:
        if not self.date_width:
            return self.label_width
        return self.label_width - self.date_width - self.date_gap

    @property
    def date_gap(self) -> float:
        return 6.0 * self.big

    @property
    def title_at(self) -> tuple[float, float]:
        """Where a title starts, from its label's top-left: beside the date column, or
        under the date line (then the second number is the date's height, added later)."""
        return (self.date_width + self.date_gap, 0.0) if self.date_width else (0.0, 0.5)

    @property
    def _first_line(self) -> float:
        return self.meas.box("Ag", self.sz.label)[1]

    def slanted(self, text: str) -> bool:
        """Whether ``text`` can be set in italics: the italic faces of most fonts lack
        whole scripts (DejaVu Sans Oblique has no Arabic), and a missing glyph would draw
        as a box, so such a text stays upright."""
        return self.meas.has_italic(text, bold=True)

    def _entry(self, e: Event) -> LabelSize:
        """An event's label, measured once."""
        size = self._measured.get(id(e))
        if size is None:
            size = self._measured[id(e)] = self._measure(e)
        return size

    def _guess(self, e: Event) -> LabelSize:
        """A label's size from the length of its texts, without shaping them (measured
        sizes are used when known)."""
        known = self._measured.get(id(e))
        if known is not None:
            return known
        if self._per_char is None:
            sample = "The quick brown fox, 27 Nov 2024: jumps over 123 lazy dogs"
            self._per_char = tuple(
                self.meas.width(sample, size, bold) / len(sample)
                for size, bold in ((self.sz.label_date, True), (self.sz.label, False))
            )
            self._pitch = tuple(
                self.meas.box("Ag\nAg", size, True)[1] - self.meas.box("Ag", size, True)[1]
                for size in (self.sz.label_date, self.sz.label)
            )
        per_date, per_title = self._per_char
        date_room = self.date_width or self.label_width
        date_lines = math.ceil(
            len(_date_line(e, self.locale, self.changed)) * per_date * 1.1 / date_room
        )
        title_lines = math.ceil(len(e.title) * per_title * 1.1 / self.title_width)
        date_h = max(date_lines, 1) * self._pitch[0] + 1.0
        title_h = max(title_lines, 1) * self._pitch[1] + 1.0
        if self.date_width:
            return LabelSize(self.label_width, max(date_h, title_h), "", date_h, "")
        return LabelSize(self.label_width, date_h + 0.5 + title_h, "", date_h, "")

    def _measure(self, e: Event) -> LabelSize:
        """Wrap and measure one label: its date line in the date column, its title beside."""
        meas, sz = self.meas, self.sz
        date_room = self.date_width or self.label_width
        date = "\n".join(
            meas.wrap(_date_line(e, self.locale, self.changed), date_room, sz.label_date, True)
        )
        title = "\n".join(
            meas.wrap(e.title, self.title_width, sz.label, e.is_milestone, balance=True)
        )
        dw, dh = meas.box(date, sz.label_date, True)
        tw, th = meas.box(title, sz.label, e.is_milestone)
        if self.date_width:
            return LabelSize(self.date_width + self.date_gap + tw, max(dh, th), date, dh, title)
        return LabelSize(max(dw, tw), dh + 0.5 + th, date, dh, title)

    def _columns(self, plan: Plan, parts: list[Part]) -> list[Columns]:
        """Each part's lane columns, with as many tracks as the part needs, narrowed to fit
        beside the labels (the label column follows the lanes): tracks down to 3 points
        and lanes closer together before, in charts far beyond what can be labelled, the
        busiest lanes have to share tracks."""
        n = self.columns
        start = self._lanes_u()
        room = self.width - self.margin - self.label_width - self.zone - 4.0 - start
        least = 3.0

        def needs(tracks: list[int], gap: float) -> float:
            return sum(tracks) * least + gap * (n - 1)

        out = []
        for part in parts:
            gap = 2.0 if needs(part.tracks, 2.0) <= room else 1.0
            cap = 10_000
            lanes = [[k for k in part.marks if k.lane == i] for i in range(n)]
            if needs(part.tracks, gap) > room:
                cap = max(part.tracks)
                while cap > 1 and needs([min(k, cap) for k in part.tracks], gap) > room:
                    cap -= 1
                part.tracks = [
                    assign_tracks(m, self.room, cap) if k > cap else k
                    for m, k in zip(lanes, part.tracks, strict=True)
                ]
            pitch = self._pitch_for(part.tracks[:n], gap, room, least)
            # Tracks narrower than a milestone's marker: keep the marks of its time out from
            # under it, where the tracks that takes still fit (they may narrow further).
            shadow = milestone_shadow(self.room, pitch)
            if shadow:
                # No lane can use more tracks than fit beside the labels (which also bounds
                # the work of placing a crowd of thousands).
                fit = max(1, min(cap, int((room - gap * (n - 1)) // least)))
                shadowed = [assign_tracks(m, self.room, fit, shadow) for m in lanes]
                narrower = self._pitch_for(shadowed, gap, room, least)
                if needs(shadowed, gap) <= room and milestone_shadow(self.room, narrower) <= shadow:
                    part.tracks, pitch = shadowed, narrower
                else:  # no room for it: the marks go back where they were
                    part.tracks = [assign_tracks(m, self.room, cap) for m in lanes]
            tracks = part.tracks[:n]
            lane_u = []
            u = start
            for k in tracks:
                lane_u.append(u)
                u += k * pitch + gap
            lanes_end = u - gap if n else start
            knee = lanes_end + 4.0
            out.append(
                Columns(
                    width=self.width,
                    rtl=self.rtl,
                    axis=self.axis_u,
                    lane_u=tuple(lane_u),
                    tracks=tuple(tracks),
                    pitch=pitch,
                    knee=knee,
                    text=knee + self.zone,
                    label_width=self.label_width,
                )
            )
        return out

    def _pitch_for(self, tracks: list[int], gap: float, room: float, least: float) -> float:
        """The width of a track: the usual one, narrowed (to ``least`` at most) so that
        ``tracks`` and the gaps between lanes fit in ``room``."""
        total = sum(tracks)
        n = len(tracks)
        if total and total * self.pitch + gap * (n - 1) > room:
            return max(least, (room - gap * (n - 1)) / total)
        return self.pitch

    def _max_body(self, parts: int | None) -> float:
        max_h = self.options.size.max_height_in
        if max_h is None:
            return math.inf
        return max_h * 72.0 - self._frame_height(marks=None, broken=True, of=parts)

    # -- header, key and footer -----------------------------------------------------------

    def _frame_height(self, *, marks: list[DownMark] | None, broken: bool, of: int | None) -> float:
        """Everything but the body: margins, header, key, column heads and footer (with the
        key and footer as full as they can be when ``marks`` is None)."""
        inner = self.width - 2 * self.margin
        h = _TOP + self._header_lines((of, of) if of else None)[1] + 6.0
        h += self.key.height(self.key.items(marks), inner) + 8.0
        h += self._heads_height() + 8.0 + _BODY_GAP
        h += self.meas.box(self._footer_text(broken), self.sz.footer)[1] + _BOTTOM
        return h

    def _heads_height(self) -> float:
        return self.sz.marker + 4.0 if self.t.groups and not self.fold else 0.0

    def _header_lines(
        self, of: tuple[int, int] | None
    ) -> tuple[list[tuple[str, float, str]], float]:
        """The header's texts (text, size, role) and its height."""
        inner = self.width - 2 * self.margin
        meas, sz = self.meas, self.sz
        out: list[tuple[str, float, str]] = []
        h = 0.0
        title = self.view.title or self.t.title
        if self.view.title and self.view.title != self.t.title:
            kicker = "\n".join(meas.wrap(self.t.title, inner, sz.kicker, True))
            out.append((kicker, sz.kicker, "kicker"))
            h += meas.box(kicker, sz.kicker, True)[1] + 3.0
        if of is not None:
            part = self.dwords.part.format(number(of[0], self.locale), number(of[1], self.locale))
            title = f"{title} ({part})"
        text = "\n".join(meas.wrap(title, inner, sz.title, True))
        out.append((text, sz.title, "title"))
        h += meas.box(text, sz.title, True)[1] + 4.0
        subtitle = self.view.subtitle or (None if self.view.title else self.t.subtitle)
        if subtitle:
            text = "\n".join(meas.wrap(subtitle, inner, sz.subtitle))
            out.append((text, sz.subtitle, "subtitle"))
            h += meas.box(text, sz.subtitle)[1] + 2.0
        return out, h

    def _chart_key(self) -> list[LegendItem]:
        """The key of the whole chart (the same in every part), worked out once."""
        if self._key_cache is None:
            self._key_cache = self.key.items([k for p in self.parts for k in p.marks])
        return self._key_cache

    def _footer_text(self, broken: bool) -> str:
        """The footer (worked out once for each answer to "is the axis broken?")."""
        text = self._footers.get(broken)
        if text is None:
            text = self._footers[broken] = self._footer(broken)
        return text

    def _footer(self, broken: bool) -> str:
        w = self.words
        parts = [around_phrase(w.as_of, self.t.as_of, locale=self.locale)]
        if any(e.when.start.has_time for e in self.events if id(e) in self.labelled):
            parts.append(w.times_in.format(self.t.timezone))
        if broken:
            parts.append(self.dwords.broken)
        dropped = self.eligible - len(self.labelled)
        if dropped > 0:
            parts.append(counted(self.cwords.unlabelled, dropped, self.locale))
        names = self._sources
        base = " ".join(parts)
        inner = self.width - 2 * self.margin
        lines: list[str] = []
        for keep in range(len(names), -1, -1):
            shown = w.semicolon.join(names[:keep])
            if keep < len(names):
                more = counted(w.more, len(names) - keep, self.locale)
                shown = f"{shown} {more}" if shown else more
            text = f"{base} {w.sources}{w.colon}{shown}." if names else base
            lines = self.meas.wrap(text, inner, self.sz.footer)
            if len(lines) <= (6 if self.narrow else 4) or keep == 0:
                break
        return "\n".join(lines)

    # -- drawing --------------------------------------------------------------------------

    def draw(self, ax: Any, part: Part, i: int, n: int) -> float:
        """Draw one part into ``ax``; return the figure's height in points."""
        cols = self.cols[i]
        metrics = Metrics(row=self.line)
        painter = Painter(ax, self.theme, self.meas, metrics, self.locale, self.sz)
        y = -_TOP
        y = self._header(painter, y, (i + 1, n) if n > 1 else None)
        y -= 6.0
        items = self._chart_key()
        inner = self.width - 2 * self.margin
        self.key.draw(painter, cols, items, self.margin, y, inner)
        y -= self.key.height(items, inner) + 8.0
        if not self.events:
            x = self.margin if not self.rtl else self.width - self.margin
            painter.text(
                x, y, self.words.empty, self.sz.label, color=self.theme.muted, ha=cols.start_ha
            )
            y -= 24.0
        else:
            if self.t.groups and not self.fold:
                lane_swatches(
                    painter, cols, self.styles, y - self.sz.marker / 2 - 1.0, self.sz.marker
                )
                y -= self._heads_height() + 8.0
            draw_body(
                painter,
                part,
                y,
                cols,
                self.t,
                self.styles,
                self.sz,
                self.room,
                self.line,
                self.title_at,
            )
            y -= part.height + _BODY_GAP
        broken = any(p.axis.breaks for p in self.parts)
        text = self._footer_text(broken)
        x = self.margin if not self.rtl else self.width - self.margin
        painter.text(
            x, y, text, self.sz.footer, color=self.theme.muted, ha=cols.start_ha, gid="footer"
        )
        y -= self.meas.box(text, self.sz.footer)[1]
        return -(y - _BOTTOM)

    def _header(self, painter: Painter, y: float, of: tuple[int, int] | None) -> float:
        x = self.margin if not self.rtl else self.width - self.margin
        ha = "right" if self.rtl else "left"
        lines, _ = self._header_lines(of)
        for text, size, role in lines:
            bold = role != "subtitle"
            color = self.theme.text if role == "title" else self.theme.muted
            painter.text(x, y, text, size, bold=bold, color=color, ha=ha, gid=role)
            y -= self.meas.box(text, size, bold)[1] + (
                3.0 if role == "kicker" else 4.0 if role == "title" else 2.0
            )
        return y


_BODY_GAP = 10.0  # between the body and the footer


def _rules(big: float) -> AxisRules:
    return AxisRules(
        drift=40.0 * big,
        least=30.0 * big,
        pad=8.0 * big,
        gap=16.0,
        penalty=40.0 * big,
        short_penalty=240.0 * big,
    )


def _date_line(e: Event, locale: str, changed: Changed | None = None) -> str:
    """The across chart's date line, with the certainty word wherever it is not the
    default (``reported``): confirmed, claimed, disputed; and the change tag in front."""
    text = date_line(e, locale)
    if e.certainty is Certainty.CONFIRMED:
        text += " · " + words(locale).certainty["confirmed"]
    return tagged(text, e, changed, locale)
