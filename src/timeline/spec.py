"""The format itself: its keys and their order, the id rule, limits and locales.

Everything that reads or writes ``timeline.yaml`` (the loader, the schema, ``fmt``, the
importers and exporters) takes these from here, so they agree by construction.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "BIDI_CONTROLS",
    "CHART_SIZES",
    "CONTROL_RE",
    "EXTENSION_PREFIX",
    "FORMAT",
    "ID_RE",
    "LAYOUTS",
    "LINE_BREAKS",
    "LOCALES",
    "MAX_BYTES",
    "MAX_ERAS",
    "MAX_EVENTS",
    "MAX_ID",
    "MAX_TITLE",
    "MAX_VIEWS",
    "MAX_WORD",
    "TRANSLATABLE",
    "URL_RE",
    "IdMaker",
    "event_id_base",
    "is_id",
    "is_url",
    "is_zone",
    "line_break",
    "slug",
    "url_host",
    "zone_hint",
]

#: Keys starting with this prefix are left for users and tools and never reported as unknown.
EXTENSION_PREFIX = "x-"
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
MAX_ID = 64
#: The longest one-line text (a title, a label, a place...), in characters.
MAX_TITLE = 300
#: The longest item of a list of words (a tag, a source or event id, a view's group).
MAX_WORD = MAX_TITLE
#: Files larger than this are refused before they are read (a chronology and an import alike).
MAX_BYTES = 64 * 1024 * 1024
#: The most events one chronology may hold; an import with more rows or slides is refused
#: before its events are built. Checking 200,000 events takes about 1 GB of memory.
MAX_EVENTS = 200_000
#: The most views one chronology may define: ``timeline render`` draws a chart and writes
#: three pages for each, so the cost of a render grows with them.
MAX_VIEWS = 50
#: The most eras one chronology may define (eras are backdrops: a chart shades each one).
MAX_ERAS = 200
#: Locales whose fixed words the text outputs translate.
LOCALES = ("en", "fr", "de", "tr", "ar")
#: Where a chart can go (``timeline render --size`` and a view's ``size``); the first is
#: the default. Their dimensions are in ``timeline.render.chart.sizes``.
CHART_SIZES = ("column", "page", "slide", "wide")

#: The keys whose text a file may give in other languages, in each kind of mapping that has
#: ``translations`` (the order ``timeline fmt`` writes them in a translation).
TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "top": ("title", "subtitle"),
    "group": ("label",),
    "era": ("title",),
    "event": ("title", "summary", "place"),
    "view": ("title", "subtitle"),
}


def _translations(kind: str) -> str:
    keys = ", ".join(TRANSLATABLE[kind])
    return f"locale -> {{{keys}}}: the same texts in another language, for `render --locale`"


#: Characters that end a line for some reader: YAML and Python split on all of them, an
#: iCalendar or CSV parser on CR, a terminal returns to the start of the line on CR. A
#: one-line field may hold none of them; a multi-line field holds line breaks only as LF.
LINE_BREAKS = "\n\r\x85\u2028\u2029"
#: Control characters no text may hold (tabs and line feeds aside; CR and NEL are here).
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Invisible direction controls: they can make a text display differently from what it says.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: The keys of each mapping in the format, with a short description (docs and the schema),
#: in the order ``timeline fmt`` writes them.
FORMAT: dict[str, dict[str, str]] = {
    "top": {
        "title": "the chronology's title (required)",
        "subtitle": "a line under the title",
        "as_of": "the day the chronology is current to; ongoing periods end here",
        "locale": "language of dates and fixed words: " + ", ".join(LOCALES),
        "timezone": "IANA time zone for times written without an offset (default UTC)",
        "sources": "source id -> {title, publisher, date, url, note}",
        "groups": "group id -> {label, color}; file order is lane order",
        "eras": "list of {title, date, end, color}: background spans",
        "events": "list of events (required, may be empty)",
        "views": "view name -> {title, subtitle, from, to, groups, tags, min_importance, "
        "omit_below, size, layout}",
        "translations": _translations("top"),
    },
    "source": {
        "title": "the source's title (required)",
        "publisher": "who published it",
        "date": "when it was published",
        "url": "an http or https link",
        "note": "anything a reader should know about it",
    },
    "group": {
        "label": "the name shown for the group",
        "color": "a CSS colour name or #hex",
        "translations": _translations("group"),
    },
    "era": {
        "title": "the era's name (required)",
        "date": "when it began (required); may be a period",
        "end": "when it ended, or '..' if it is still going on",
        "color": "a CSS colour name or #hex",
        "translations": _translations("era"),
    },
    "event": {
        "id": "a stable id: lowercase letters, digits and '-'; derived when absent",
        "date": "when it happened (required): a date or a period",
        "end": "when it ended, or '..' if it is still going on",
        "title": "one line saying what happened (required)",
        "summary": "a few sentences of context",
        "group": "the id of its group (lane)",
        "place": "where it happened",
        "tags": "a list of words to select it by",
        "sources": "a list of source ids",
        "certainty": "confirmed, reported (default), claimed or disputed",
        "importance": "1, 2 (default) or 3 (a milestone)",
        "related": "a list of event ids",
        "translations": _translations("event"),
    },
    "view": {
        "title": "the view's title (default: the chronology's title)",
        "subtitle": "a line under the title",
        "from": "earliest date shown",
        "to": "latest date shown",
        "groups": "only events of these groups",
        "tags": "only events with one of these tags",
        "min_importance": "label only events at least this important (1-3)",
        "omit_below": "leave events less important than this (1-3) out of the chart and text",
        "size": "where the chart goes: " + ", ".join(CHART_SIZES),
        "layout": "how its chart runs: across, down or auto (default)",
        "translations": _translations("view"),
    },
}
#: The chart layouts a view may ask for (``auto``: down when across does not fit).
LAYOUTS = ("across", "down", "auto")


def slug(text: str) -> str:
    """A lowercase ASCII id made from ``text`` (empty when nothing ASCII is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def is_id(text: str) -> bool:
    """True when ``text`` is a valid id of the format."""
    return len(text) <= MAX_ID and ID_RE.fullmatch(text) is not None


#: An ``http://`` or ``https://`` link as the format writes one (and as text holds one).
URL_RE = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


def url_host(text: str) -> str | None:
    """The host of an ``http://`` or ``https://`` link, or None when ``text`` is not one
    (``https://[x`` matches a pattern but is not a URL any tool can open)."""
    if URL_RE.fullmatch(text) is None:
        return None
    from urllib.parse import urlsplit

    try:
        return urlsplit(text).hostname or None
    except ValueError:
        return None


def is_url(text: str) -> bool:
    """True when ``text`` is a link a source may have: ``http://`` or ``https://``, a host,
    no spaces, quotes or angle brackets, and readable by the standard library."""
    return url_host(text) is not None


def event_id_base(start: str, title: str) -> str:
    """The id derived for an event written without one, before numbering: the slug of its
    start date's text and of its title (``2011-03-protests-begin``)."""
    return f"{slug(start)}-{slug(title) or 'event'}"[:MAX_ID].strip("-")


class IdMaker:
    """Hands out ids not yet taken: ``base``, then ``base-2``, ``base-3``... cut to the
    longest id the format allows. Remembers, for each stem a number is put after, where its
    numbering stopped, so making n ids costs O(n), not O(n²), even when many long bases
    share the stem they are cut to."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set() if taken is None else taken
        self._next: dict[str, int] = {}

    def make(self, base: str) -> str:
        """A free id made from ``base`` (cut to MAX_ID; ``x`` when nothing is left), now
        taken."""
        base = base[:MAX_ID].strip("-") or "x"
        if base not in self.taken:
            self.taken.add(base)
            return base
        n = 2
        while True:
            width = len(str(n)) + 1
            stem = base[: MAX_ID - width].strip("-")
            # Every number below the stem's mark is taken already (ids are never freed).
            n = max(n, self._next.get(stem, 2))
            if len(str(n)) + 1 != width:
                continue  # the number grew a digit: the stem may be shorter
            candidate = f"{stem}-{n}"
            n += 1
            self._next[stem] = n
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate


_BREAK_NAMES = {
    "\n": "a line break",
    "\r": "a carriage return (U+000D)",
    "\x85": "a next-line character (U+0085)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}


def line_break(text: str, *, allow_lf: bool = False) -> tuple[int, str] | None:
    """The index and name of the first character of ``text`` that ends a line (LF allowed
    when ``allow_lf``), or None."""
    if text.isascii() and "\r" not in text and (allow_lf or "\n" not in text):
        return None
    for i, ch in enumerate(text):
        if ch in _BREAK_NAMES and not (allow_lf and ch == "\n"):
            return i, _BREAK_NAMES[ch]
    return None


#: Zone names the IANA database lists that are not zones of the world: ``localtime`` is
#: whatever the machine is set to, so outputs would differ from one computer to the next.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


@functools.cache
def _zone_names() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones()) - _NOT_ZONES


def is_zone(name: str) -> bool:
    """True when ``name`` is a time zone of the IANA database, spelled exactly as there
    (``UTC``, ``Asia/Damascus``; not ``utc``): the one name every reader of the file and
    every export agrees on."""
    if name == "UTC" or (name in _tzdata_zones() and name not in _NOT_ZONES):
        return True
    return name in _zone_names()


@functools.cache
def _tzdata_zones() -> frozenset[str]:
    """The zones the tzdata package lists, read from the file
    :func:`zoneinfo.available_timezones` reads first (empty when it is not a plain file):
    a known zone is found here without listing the whole zone database, which walks
    every file of the system's copy too and costs more than checking a small chronology.
    """
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("tzdata")
    except (ImportError, ValueError):
        return frozenset()
    if spec is None or spec.origin is None or spec.submodule_search_locations is None:
        return frozenset()
    try:
        with open(os.path.join(os.path.dirname(spec.origin), "zones")) as f:
            return frozenset(stripped for line in f if (stripped := line.strip()))
    except OSError:
        return frozenset()


def zone_hint(name: str) -> str:
    """A hint for an unknown zone name: the zone it most likely means."""
    import difflib

    names = sorted(_zone_names())
    folded = {n.casefold(): n for n in names}
    if name.casefold() in folded:
        return f"did you mean '{folded[name.casefold()]}'? zone names are case-sensitive"
    close = difflib.get_close_matches(name[:64], names, n=1)
    return f"did you mean '{close[0]}'?" if close else "use an IANA name such as Asia/Damascus"
