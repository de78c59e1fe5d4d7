"""What every text chronology says, in order: headings, entries and numbered sources.

Markdown, plain text and HTML differ only in how they write an :class:`Outline`, so they
group, date and number things identically. Events stay in the documented sort order and
each appears exactly once: a heading starts whenever the era, year or month changes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date as _date
from urllib.parse import quote

from timeline.dates import Date, Precision
from timeline.i18n.locale import locale_data
from timeline.i18n.phrases import Part, around_parts, month_phrase, when_parts, year_phrase
from timeline.i18n.words import Words, words
from timeline.loader._nodes import paused_gc
from timeline.model import Certainty, Era, Event, Group, Source, Timeline, View
from timeline.render.text._sections import (
    DENSE_DATES,
    DENSE_YEAR,
    Slot,
    dense_days,
    dense_years,
    era_order,
    slots_of,
)

__all__ = [
    "DENSE_DATES",
    "DENSE_YEAR",
    "Entry",
    "Heading",
    "Outline",
    "SourceItem",
    "capitalize",
    "clean",
    "clear_cache",
    "datetime_attr",
    "href",
    "one_line",
    "outline",
    "paragraphs",
    "safe_url",
]


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading. ``level`` 1 is an era (or a year outside eras), then year, month."""

    level: int
    text: str
    #: The era's span, written out (empty for years and months).
    span: tuple[Part, ...]
    #: A fragment id that cannot clash with an event id (event ids never start with "_").
    anchor: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One event as the text outputs write it."""

    event: Event
    when: tuple[Part, ...]
    #: The texts of ``when`` joined: the date as Markdown and plain text write it.
    date: str
    title: str
    #: The certainty word, None for plain "reported".
    certainty: str | None
    summary: tuple[str, ...]
    place: str | None
    group: Group | None
    #: Numbers of the event's sources, ascending.
    notes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SourceItem:
    number: int
    source: Source
    title: str
    publisher: str | None
    date: str | None
    note: tuple[str, ...]
    #: An http(s) link, or None (any other scheme is never a link).
    url: str | None


@dataclass(slots=True)
class Outline:
    """A view's chronology, ready to be written."""

    locale: str
    words: Words
    rtl: bool
    title: str
    subtitle: str | None
    #: The status line's as-of sentence ("As of 29 November 2024."), its date marked.
    as_of: tuple[Part, ...]
    #: The chronology's time zone, when some event has a time written without an offset.
    times_in: str | None
    items: list[Heading | Entry] = field(default_factory=list)
    sources: list[SourceItem] = field(default_factory=list)
    _anchors: set[str] = field(default_factory=set)

    def heading(self, level: int, text: str, span: tuple[Part, ...], anchor: str) -> None:
        """Add a heading, making its anchor unique (a year can head sections in two eras)."""
        unique, n = anchor, 1
        while unique in self._anchors:
            n += 1
            unique = f"{anchor}-{n}"
        self._anchors.add(unique)
        self.items.append(Heading(level, text, span, unique))

    def source(self, number: int) -> SourceItem:
        """The source numbered ``number`` (numbers start at 1, in order of first citation)."""
        return self.sources[number - 1]

    @property
    def entries(self) -> list[Entry]:
        return [i for i in self.items if isinstance(i, Entry)]


_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)


def clean(text: str) -> str:
    """User text without control characters (terminal escapes, NUL) or noncharacters.

    Newlines are kept; tabs become spaces. Every output writes user text through this.
    """
    if text.isascii() and text.isprintable():
        return text
    return _CONTROL.sub("", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str | None) -> tuple[str, ...]:
    """The paragraphs of a multi-line text (blank lines separate), each on one line."""
    if not text:
        return ()
    text = clean(text)
    if "\n" not in text:  # one paragraph, as most summaries are
        joined = " ".join(text.split())
        return (joined,) if joined else ()
    out = []
    for block in _PARAGRAPH_BREAK.split(text):
        joined = " ".join(block.split())
        if joined:
            out.append(joined)
    return tuple(out)


def one_line(text: str) -> str:
    """A single-line user text with its whitespace collapsed."""
    return " ".join(clean(text).split())


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http or https link, else None."""
    if url is None:
        return None
    url = url.strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https") or not url[len(scheme) :].startswith("://"):
        return None
    if any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in url):
        return None
    return url


_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def href(url: str) -> str:
    """A safe URL as a valid link target: characters a URL may not hold (spaces, quotes,
    backticks, brackets outside the host, non-ASCII) percent-encoded, existing escapes kept."""
    return quote(_LONE_PERCENT.sub("%25", url), safe="/:?#@!$&'()*+,;=%-._~")


def datetime_attr(d: Date, timeline: Timeline) -> str:
    """``d`` as a valid HTML ``datetime`` value: ``2011``, ``2011-03``, ``2011-03-15`` or a
    global date and time with its offset (the chronology's time zone's when none is written).
    """
    p = d.precision
    year, month, mday, hour, minute, second = d.parts
    if p == Precision.YEAR:
        return f"{year:04d}"
    if p == Precision.MONTH:
        return f"{year:04d}-{month:02d}"
    day = f"{year:04d}-{month:02d}-{mday:02d}"
    if p == Precision.DAY:
        return day
    clock = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if p == Precision.SECOND else "")
    # The offset in force at the wall time itself: converting the instant to a datetime
    # fails for a year-1 morning east of Greenwich (year 0 in UTC) and its like in 9999.
    offset = d.utc_offset(timeline.tz)
    if offset == 0:
        return f"{day}T{clock}Z"
    sign = "+" if offset > 0 else "-"
    h, m = divmod(abs(offset), 60)
    return f"{day}T{clock}{sign}{h:02d}:{m:02d}"


def _local_times(events: list[Event]) -> bool:
    """True when some event has a time written without a UTC offset."""
    minute = Precision.MINUTE
    for e in events:
        when = e.when
        for d in (when.start, when.end):
            if d is not None and d.offset is None and d.precision >= minute:
                return True
    return False


def capitalize(text: str, locale: str) -> str:
    """``text`` with its first letter capitalised, as at the start of a sentence; an
    abbreviation ("c.", "ca.") keeps its case."""
    if not text or not text[0].islower() or text.split(" ", 1)[0].endswith("."):
        return text
    first = text[0]
    if locale == "tr" and first == "i":
        return "İ" + text[1:]
    return first.upper() + text[1:]


def _capitalized(parts: tuple[Part, ...], locale: str) -> tuple[Part, ...]:
    if not parts:
        return parts
    (text, d), *rest = parts
    capital = capitalize(text, locale)
    return parts if capital is text else ((capital, d), *rest)


def _weekday(d: Date, dense: frozenset[int]) -> bool:
    if d.precision < Precision.DAY:
        return False
    return _date(*d.parts[:3]).toordinal() in dense


#: The last outline made, with what it was made from: ``timeline render`` writes Markdown,
#: text and HTML of one view from the same selection, so the work is done once. The inputs
#: are frozen and held here, so the same objects always mean the same outline.
_last: tuple[Timeline, View, tuple[Event, ...], str, Outline] | None = None


def clear_cache() -> None:
    """Forget the last outline (for benchmarks that must start cold)."""
    global _last
    _last = None


@paused_gc()
def outline(timeline: Timeline, view: View, events: list[Event], locale: str) -> Outline:
    """The chronology of ``events`` (already selected and sorted) as headings and entries.

    The cycle collector is paused meanwhile, as in every text output: an outline is
    hundreds of thousands of small objects (no cycles), and on a large chronology the
    collections it would trigger cost a third of the time.
    """
    global _last
    if _last is not None:
        t, v, evs, loc, made = _last
        same = t is timeline and v is view and loc == locale and len(evs) == len(events)
        if same and all(a is b for a, b in zip(evs, events, strict=True)):
            return made
    made = _outline(timeline, view, events, locale)
    _last = (timeline, view, tuple(events), locale, made)
    return made


def _outline(timeline: Timeline, view: View, events: list[Event], locale: str) -> Outline:
    w = words(locale)
    data = locale_data(locale)
    title = one_line(view.title or timeline.title)
    # A view with its own title keeps the chronology's title as its subtitle, for context.
    subtitle = (view.subtitle or timeline.title) if view.title else timeline.subtitle
    times_in = timeline.timezone if _local_times(events) else None
    out = Outline(
        locale=locale,
        words=w,
        rtl=data.rtl,
        title=title,
        subtitle=one_line(subtitle) if subtitle else None,
        as_of=around_parts(w.as_of, timeline.as_of, locale=locale),
        times_in=times_in,
    )
    entries = _Entries(timeline, dense_days(events), locale)
    _add_items(out, timeline, events, slots_of(timeline, events), era_order(timeline), entries)
    for sid, number in entries.numbers.items():
        out.sources.append(_source_item(timeline.sources[sid], number, locale))
    return out


def _add_items(
    out: Outline,
    timeline: Timeline,
    events: list[Event],
    slots: list[Slot],
    eras: list[Era],
    entries: _Entries,
) -> None:
    locale = out.locale
    make = entries.make
    # Runs of consecutive events in one era; each run is one section.
    runs: list[tuple[int, int]] = []
    for i, slot in enumerate(slots):
        if not runs or slots[runs[-1][0]].era != slot.era:
            runs.append((i, i + 1))
        else:
            runs[-1] = (runs[-1][0], i + 1)
    for lo, hi in runs:
        era_index = slots[lo].era
        base = 1
        years = {slots[i].year for i in range(lo, hi)}
        if era_index is not None:
            era = eras[era_index]
            out.heading(
                1, one_line(era.title), when_parts(era.when, locale=locale), f"_era-{era_index + 1}"
            )
            base = 2
        show_years = era_index is None or len(years) > 1
        crowded = dense_years(slots[lo:hi])
        year = month = None
        for i in range(lo, hi):
            slot = slots[i]
            if slot.year != year:
                year, month = slot.year, None
                if show_years:
                    out.heading(base, year_phrase(year, locale=locale), (), f"_{year:04d}")
            if slot.year in crowded and slot.month and slot.month != month:
                month = slot.month
                out.heading(
                    base + (1 if show_years else 0),
                    month_phrase(year, month, locale=locale),
                    (),
                    f"_{year:04d}-{month:02d}",
                )
            out.items.append(make(events[i]))


class _Entries:
    """Makes the entries of one outline, numbering sources in order of first citation."""

    __slots__ = ("certainty", "dense", "groups", "locale", "numbers", "sources")

    def __init__(self, timeline: Timeline, dense: frozenset[int], locale: str) -> None:
        self.sources = timeline.sources
        self.groups = timeline.groups
        self.dense = dense
        self.locale = locale
        self.numbers: dict[str, int] = {}
        table = words(locale).certainty
        #: The certainty word of each certainty; none for plain "reported".
        self.certainty: dict[Certainty, str | None] = {
            c: None if c is Certainty.REPORTED else table[c.value] for c in Certainty
        }

    def notes(self, sources: tuple[str, ...]) -> tuple[int, ...]:
        numbers = self.numbers
        if len(sources) == 1 and sources[0] in numbers:  # the usual case: one known source
            return (numbers[sources[0]],)
        notes = []
        for sid in sources:
            if sid not in self.sources:
                continue
            if sid not in numbers:
                numbers[sid] = len(numbers) + 1
            notes.append(numbers[sid])
        return tuple(sorted(set(notes))) if len(notes) > 1 else tuple(notes)

    def make(self, e: Event) -> Entry:
        locale = self.locale
        when = e.when
        weekday = _weekday(when.start, self.dense) if self.dense else False
        parts = _capitalized(when_parts(when, weekday=weekday, locale=locale), locale)
        # Positional: keywords cost a microsecond an entry, a tenth of a second per 100,000.
        return Entry(
            e,
            parts,
            parts[0][0] if len(parts) == 1 else "".join(t for t, _ in parts),
            one_line(e.title),
            self.certainty[e.certainty],
            paragraphs(e.summary),
            one_line(e.place) if e.place else None,
            self.groups.get(e.group) if e.group else None,
            self.notes(e.sources) if e.sources else (),
        )


def _source_item(s: Source, number: int, locale: str) -> SourceItem:
    date = None
    if s.date is not None:
        date = "".join(t for t, _ in when_parts(s.date, locale=locale))
    return SourceItem(
        number=number,
        source=s,
        title=one_line(s.title),
        publisher=one_line(s.publisher) if s.publisher else None,
        date=date,
        note=paragraphs(s.note),
        url=safe_url(s.url),
    )
