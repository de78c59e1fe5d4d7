"""The format itself: its keys and their order, the id rule, limits and locales.

Everything that reads or writes ``timeline.yaml`` (the loader, the schema, ``fmt``, the
importers and exporters) takes these from here, so they agree by construction.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "CHART_SIZES",
    "EXTENSION_PREFIX",
    "FORMAT",
    "ID_RE",
    "LAYOUTS",
    "LOCALES",
    "MAX_ID",
    "MAX_TITLE",
    "TRANSLATABLE",
    "IdMaker",
    "event_id_base",
    "is_id",
    "slug",
]

#: Keys starting with this prefix are left for users and tools and never reported as unknown.
EXTENSION_PREFIX = "x-"
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
MAX_ID = 64
MAX_TITLE = 300
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


def event_id_base(start: str, title: str) -> str:
    """The id derived for an event written without one, before numbering: the slug of its
    start date's text and of its title (``2011-03-protests-begin``)."""
    return f"{slug(start)}-{slug(title) or 'event'}"[:MAX_ID].strip("-")


class IdMaker:
    """Hands out ids not yet taken: ``base``, then ``base-2``, ``base-3``... cut to the
    longest id the format allows. Remembers where each base's numbering stopped, so making
    n ids that share a base costs O(n), not O(n²)."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set() if taken is None else taken
        self._next: dict[str, int] = {}

    def make(self, base: str) -> str:
        """A free id made from ``base`` (which must be non-empty), now taken."""
        candidate, n = base, self._next.get(base, 2)
        while candidate in self.taken:
            suffix = f"-{n}"
            candidate = base[: MAX_ID - len(suffix)].strip("-") + suffix
            n += 1
        self._next[base] = n
        self.taken.add(candidate)
        return candidate
