"""The HTML page's list of events: lean markup, and what the page's script filters by.

A page can hold 100,000 events, so each entry's markup is as small as HTML allows
while keeping every field: optional end tags are left out, attribute values that need no
quotes have none, and what the stylesheet can say (the layout, the superscript of a
citation, the look of a summary) is said once there rather than in every entry::

    <li id=ID class=mc><time datetime=2011-03-15>15 March 2011</time> Title<i>claimed</i>
    <a href=#_s1>1</a><p>Summary<p>Place · Lane

The title is the entry's own text; its paragraphs follow: the summary's, then the place and
lane (a summary with no place or lane after it is marked ``class=s``). A class marks a
milestone (``m``), a certainty (``c`` claimed, ``d`` disputed, ``f`` confirmed) and a lane
with a colour (``g0``, ``g1``...). What a reader cannot see but may filter by (lane,
certainty, importance, tags) goes into one short code per entry, read by the script.
Citations link to the sources by number (``#_s1``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from timeline.i18n.phrases import Part
from timeline.model import Certainty, Event, Timeline
from timeline.render.text._outline import Entry, Outline, datetime_attr

__all__ = [
    "CERTAINTIES",
    "DIGITS",
    "Entries",
    "FilterData",
    "attr",
    "esc",
    "isolated",
    "text",
    "times",
    "when",
]

_SPECIAL = re.compile("[&<>\"']")
_TEXT_SPECIAL = re.compile("[&<>]")
#: Attribute values that may be written without quotes (and need no escaping).
_BARE = re.compile(r"[A-Za-z0-9_.:#/-]+")
#: Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, N'Ko... and their
#: presentation forms).
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)

#: Each certainty's class and its digit in the filter code.
CERTAINTIES = (Certainty.REPORTED, Certainty.CONFIRMED, Certainty.CLAIMED, Certainty.DISPUTED)
_DIGIT = {c: i for i, c in enumerate(CERTAINTIES)}
_CLASS = {Certainty.CONFIRMED: "f", Certainty.CLAIMED: "c", Certainty.DISPUTED: "d"}


def esc(text: str) -> str:
    """``text`` escaped for HTML text and quoted attribute values."""
    # Most text has nothing to escape: one search is much cheaper than five replacements.
    return escape(text, quote=True) if _SPECIAL.search(text) else text


def text(value: str) -> str:
    """``value`` escaped as the content of an element (quotes need no escaping there)."""
    return escape(value, quote=False) if _TEXT_SPECIAL.search(value) else value


def attr(value: str) -> str:
    """An attribute value, quoted only when it must be."""
    return value if _BARE.fullmatch(value) else f'"{escape(value, quote=True)}"'


def isolated(value: str, rtl_page: bool) -> str:
    """User text inside a run of other text: isolated from its neighbours' direction when
    it or the page is right to left (left-to-right text in a left-to-right page needs none)."""
    if rtl_page or _RTL.search(value):
        return f"<bdi>{text(value)}</bdi>"
    return text(value)


def times(parts: tuple[Part, ...], timeline: Timeline) -> str:
    """A phrase with each of its dates marked up as ``<time>``; ``datetime`` is left out
    where the text is itself the value (a year)."""
    out = []
    for phrase, d in parts:
        if d is None:
            out.append(text(phrase))
            continue
        value = datetime_attr(d, timeline)
        if value == phrase:
            out.append(f"<time>{value}</time>")
        else:
            out.append(f"<time datetime={value}>{text(phrase)}</time>")
    return "".join(out)


def when(parts: tuple[Part, ...], timeline: Timeline) -> str:
    """An entry's date: one ``<time>`` around the whole phrase when it names one date
    ("since 2015", "c. 2019"), else the phrase's ``<time>`` elements in a ``<span>``."""
    dated = [d for _, d in parts if d is not None]
    if len(dated) == 1:
        phrase = "".join(t for t, _ in parts)
        value = datetime_attr(dated[0], timeline)
        if value == phrase:
            return f"<time>{value}</time>"
        return f"<time datetime={value}>{text(phrase)}</time>"
    return f"<span>{times(parts, timeline)}</span>"


#: The digits of the filter codes: printable ASCII that a JSON string holds as itself
#: (no quote, backslash or "<", which the page escapes).
DIGITS = "".join(chr(c) for c in range(35, 127) if chr(c) not in "<\\")


@dataclass(slots=True)
class FilterData:
    """What the script filters by.

    Events that agree in certainty, importance, lane and tags share a profile; each entry's
    code is its profile's number, written with :data:`DIGITS` in as many digits as the
    page's largest number needs (one or two for most chronologies), without separators.
    """

    #: The lanes' group ids in file order, then "" for events without a group.
    lanes: list[str] = field(default_factory=list)
    #: Every tag, the commonest first.
    tags: list[str] = field(default_factory=list)
    #: (certainty, importance, lane, tags) by number: indices into CERTAINTIES, lanes, tags.
    profiles: dict[tuple[int, int, int, tuple[int, ...]], int] = field(default_factory=dict)
    #: Each entry's profile, in list order.
    codes: list[int] = field(default_factory=list)
    certainties: set[Certainty] = field(default_factory=set)
    importances: set[int] = field(default_factory=set)

    def width(self) -> int:
        """How many digits each code takes."""
        width, most = 1, len(DIGITS)
        while len(self.profiles) > most:
            width, most = width + 1, most * len(DIGITS)
        return width

    def encoded(self) -> str:
        """Every entry's code, in list order."""
        width, base = self.width(), len(DIGITS)
        table = []
        for number in range(len(self.profiles)):
            digits = ""
            for _ in range(width):
                number, r = divmod(number, base)
                digits = DIGITS[r] + digits
            table.append(digits)
        return "".join([table[c] for c in self.codes])


class Entries:
    """Writes the entries of one page, each piece that repeats (citations, place and lane)
    once, and their filter codes."""

    __slots__ = (
        "back",
        "cites",
        "colours",
        "data",
        "heads",
        "in_chart",
        "lane_index",
        "marks",
        "meta",
        "o",
        "tag_index",
    )

    def __init__(
        self,
        o: Outline,
        timeline: Timeline,
        events: list[Event],
        back: dict[str, list[tuple[str, str]]],
        in_chart: str,
        marks: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.o = o
        #: The class and word of each new or updated entry (see ``_changes``).
        self.marks = marks or {}
        #: For each event in a chart: (class, target id) of each link back to it.
        self.back = back
        self.in_chart = text(in_chart)
        self.cites: dict[tuple[int, ...], str] = {}
        self.meta: dict[tuple[str | None, str | None], str] = {}
        self.heads: dict[tuple[str | None, str, int, tuple[str, ...]], tuple[str, str, int]] = {}
        self.data = FilterData()
        used = {e.group for e in events}
        lanes = [g for g in timeline.groups if g in used]
        if None in used or any(g not in timeline.groups for g in used if g is not None):
            lanes.append("")
        self.data.lanes = lanes
        self.lane_index = {g: i for i, g in enumerate(lanes)}
        counts: dict[str, int] = {}
        for e in events:
            for tag in e.tags:
                counts[tag] = counts.get(tag, 0) + 1
        # The commonest tags get the shortest codes; the menu lists them alphabetically.
        by_use = sorted(counts, key=lambda t: (-counts[t], t))
        self.data.tags = by_use
        self.tag_index = {t: i for i, t in enumerate(by_use)}
        #: The class of each lane with a colour of its own.
        self.colours: dict[str, str] = {}
        for gid, g in timeline.groups.items():
            if g.color:
                self.colours[gid] = f"g{len(self.colours)}"

    def entry(self, e: Entry, timeline: Timeline) -> str:
        """One event as a list item."""
        ev = e.event
        # What an event shares with many others (its class and filter code) is made once.
        key = (ev.group, ev.certainty._value_, ev.importance, ev.tags)
        head = self.heads.get(key)
        if head is None:
            head = self.heads[key] = self._head(ev)
        classes, klass, code = head
        self.data.codes.append(code)
        badge = ""
        if self.marks and ev.id in self.marks:
            kind, word = self.marks[ev.id]
            klass = f" class={attr(f'{classes} {kind}'.strip())}"
            badge = f'<span class="change">{text(word)}</span> '
        out = f"<li id={attr(ev.id)}{klass}>{when(e.when, timeline)} {badge}{text(e.title)}"
        if e.certainty:
            out += f" <i>{text(e.certainty)}</i>"
        if e.notes:
            out += self.footnotes(e.notes)
        if self.back:
            for css, target in self.back.get(ev.id, ()):
                out += f"<a class={css} href=#{target}>{self.in_chart}</a>"
        meta = self.place_and_lane(e)
        summary = e.summary
        if summary:
            rtl = self.o.rtl
            paras = [isolated(p, rtl) if rtl else text(p) for p in summary]
            # A summary with nothing after it says so: the last paragraph is the place.
            out += "".join(f"<p>{p}" for p in paras[:-1])
            out += ("<p>" if meta else "<p class=s>") + paras[-1]
        return out + meta

    def _head(self, ev: Event) -> tuple[str, str, int]:
        """The classes, the class attribute and the filter code of events like ``ev``."""
        classes = []
        if ev.group in self.colours:
            classes.append(self.colours[ev.group])
        kind = ("m" if ev.is_milestone else "") + _CLASS.get(ev.certainty, "")
        if kind:
            classes.append(kind)
        names = " ".join(classes)
        klass = f" class={attr(names)}" if names else ""
        data = self.data
        data.certainties.add(ev.certainty)
        data.importances.add(ev.importance)
        lane = self.lane_index.get(ev.group or "", self.lane_index.get("", 0))
        tags = tuple(sorted({self.tag_index[t] for t in ev.tags}))
        profile = (_DIGIT[ev.certainty], ev.importance, lane, tags)
        code = data.profiles.get(profile)
        if code is None:
            code = data.profiles[profile] = len(data.profiles)
        return names, klass, code

    def footnotes(self, notes: tuple[int, ...]) -> str:
        text = self.cites.get(notes)
        if text is None:
            text = self.cites[notes] = "".join(f"<a href=#_s{n}>{n}</a>" for n in notes)
        return text

    def place_and_lane(self, e: Entry) -> str:
        key = (e.place, e.group.id if e.group else None)
        text = self.meta.get(key)
        if text is None:
            rtl = self.o.rtl
            parts = [isolated(t, rtl) for t in (e.place, e.group.label if e.group else None) if t]
            text = self.meta[key] = f"<p>{' · '.join(parts)}" if parts else ""
        return text
