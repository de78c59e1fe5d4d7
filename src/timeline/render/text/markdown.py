"""The chronology as Markdown that renders the same on GitHub, in pandoc and in MkDocs.

Only syntax the three share is used: ATX headings, emphasis, an image, footnotes (MkDocs
needs its ``footnotes`` extension) and autolinks. Everything the user wrote is escaped so it
reads as text: characters that CommonMark, pandoc and Python-Markdown all accept escaped with
a backslash get one; the others (``<``, ``|``, ``$``, ``~``, ``^``, a leading ``@`` and
entity-like ``&``) become character references, because Python-Markdown would print the
backslash. Only http and https URLs become links.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from urllib.parse import quote

from timeline.loader._nodes import paused_gc
from timeline.model import Event, Timeline, View
from timeline.render.text._bidi import ltr, runs
from timeline.render.text._changes import ChangeNotes, ChangesSection, changes_section
from timeline.render.text._outline import Entry, Heading, Outline, SourceItem, href, outline

__all__ = ["escape", "render"]

#: Characters escaped with a backslash, understood by all three renderers.
_BACKSLASHED = frozenset("\\`*_{}[]#")
_REFERENCES = {
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    "$": "&#36;",
    "~": "&#126;",
    "^": "&#94;",
}
_SPECIAL = re.compile(r"[\\`*_{}\[\]#<>|$~^]|&(?=#?[0-9A-Za-z]+;)|(?<!\w)@")
_ANY_SPECIAL = re.compile(r"[\\`*_{}\[\]#<>|$~^&@]")
#: What may open a block when it starts a line: list markers, quotes, ordered-list numbers.
_BLOCK_START = re.compile(r"([-+=:]|[0-9]{1,9}(?=[.)]))")
_RLM = "\u200f"


def _replace(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _BACKSLASHED:
        return "\\" + ch
    if ch == "&":
        return "&amp;"
    if ch == "@":
        return "&#64;"
    return _REFERENCES[ch]


def escape(text: str) -> str:
    """User text as inline Markdown that shows exactly that text."""
    # Most text has nothing to escape; finding that out with one character class is several
    # times faster than the substitution's alternatives (a large chronology has millions).
    if _ANY_SPECIAL.search(text) is None:
        return text
    return _SPECIAL.sub(_replace, text)


def escape_line(text: str) -> str:
    """User text that starts a line: also keep it from opening a list, quote or heading."""
    out = escape(text)
    m = _BLOCK_START.match(out)
    if m is None:
        return out
    if m.group().isdigit():
        # "2011. The year began" would open an ordered list numbered 2011.
        end = m.end()
        return out[:end] + "\\" + out[end:]
    return {"-": "\\-", "+": "\\+", "=": "&#61;", ":": "&#58;"}[out[0]] + out[1:]


@paused_gc()
def render(
    timeline: Timeline,
    view: View,
    events: list[Event],
    *,
    locale: str,
    alt_text: str,
    image: str | None,
    changes: ChangeNotes | None = None,
    images: Sequence[tuple[str, str]] | None = None,
) -> str:
    """The view's chronology as Markdown; ``image`` is the chart's file name, if any;
    ``changes`` adds a "What changed since …" section and marks new and updated entries.

    ``images`` replaces ``image`` and ``alt_text`` for a chart in parts: each part's file
    name with its own alt text, in order; every part is shown, one under another.
    """
    o = outline(timeline, view, events, locale)
    section = changes_section(changes, view, events, locale) if changes else None
    rtl = _RLM if o.rtl else ""
    lines = [*_metadata(o), f"# {rtl}{runs(escape(o.title), o.rtl)}", ""]
    if o.subtitle:
        lines += [rtl + runs(escape_line(o.subtitle), o.rtl), ""]
    lines += [f"*{rtl}{_status(o)}*", ""]
    if images is None:
        images = [(image, alt_text)] if image else []
    for file, alt in images:
        # Linked to itself: the full-size chart is a click away, and pandoc does not turn
        # the image into a figure captioned with the whole alt text.
        target = quote(file)
        lines += [f"[![{escape(alt)}]({target})]({target})", ""]
    if section is not None and section.items:
        lines += _changes(section, o, rtl)
    if not o.entries:
        lines += [rtl + escape_line(o.words.empty), ""]
    entries = _Entries(o, rtl, section.marks if section else {})
    for item in o.items:
        if isinstance(item, Heading):
            lines += [_heading(item, o), ""]
        else:
            lines += entries.lines(item)
    if o.sources:
        lines += [f"## {rtl}{escape(o.words.sources)}", ""]
        for s in o.sources:
            lines += [_source(s, o, rtl), ""]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _metadata(o: Outline) -> list[str]:
    """A YAML metadata block: pandoc takes the page's title (``pagetitle``, so the title is
    not shown twice), language and direction from it, MkDocs reads it as the page's
    metadata and GitHub shows it as a small table above the page."""
    lines = ["---", f"pagetitle: {json.dumps(escape(o.title), ensure_ascii=False)}"]
    lines.append(f"lang: {o.locale}")
    if o.rtl:
        lines.append("dir: rtl")
    return [*lines, "---", ""]


def _status(o: Outline) -> str:
    text = "".join(t for t, _ in o.as_of)
    if o.times_in:
        text += " " + o.words.times_in.format(o.times_in)
    return runs(escape(text), o.rtl)


def _changes(section: ChangesSection, o: Outline, rtl: str) -> list[str]:
    lines = [f"## {rtl}{escape(section.heading)}", ""]
    for item in section.items:
        title = runs(escape(item.title), o.rtl)
        text = f"*{escape(item.word)}{escape(o.words.colon.rstrip())}* {title}"
        text += f" ({escape(item.date)})"
        if item.what:
            text += f" — {escape(item.what)}"
        lines.append(f"- {rtl}{text}")
    return [*lines, ""]


def _heading(h: Heading, o: Outline) -> str:
    text = runs(escape(h.text), o.rtl)
    if h.span:
        text += " (" + runs(escape("".join(t for t, _ in h.span)), o.rtl) + ")"
    return "#" * (h.level + 1) + " " + (_RLM if o.rtl else "") + text


#: How a title may end without a full stop being added.
_ENDS = (".", "!", "?", "…", "؟")


class _Entries:
    """Writes entries, each piece that repeats (dates, citations, place and lane) once."""

    __slots__ = ("cites", "dates", "marks", "meta", "o", "rtl")

    def __init__(self, o: Outline, rtl: str, marks: dict[str, tuple[str, str]]) -> None:
        self.o = o
        self.rtl = rtl
        #: The "new" or "updated" mark of each entry that has one, written out.
        self.marks = {
            eid: f"*{escape(word)}{escape(o.words.colon.rstrip())}* "
            for eid, (_, word) in marks.items()
        }
        self.dates: dict[str, str] = {}
        self.cites: dict[tuple[int, ...], str] = {}
        self.meta: dict[tuple[str | None, str | None], str] = {}

    def lines(self, e: Entry) -> list[str]:
        """The lines of one entry, each paragraph followed by a blank line."""
        rtl = self.rtl
        bidi = self.o.rtl
        title = runs(escape(e.title), bidi)
        if e.event.is_milestone:
            title = f"**{title}**"
        if self.marks:
            title = self.marks.get(e.event.id, "") + title
        if e.certainty:
            title += f" *({escape(e.certainty)})*"
        if not e.title.endswith(_ENDS):
            title += "."
        date = self.dates.get(e.date)
        if date is None:
            date = self.dates[e.date] = runs(escape(e.date), self.o.rtl)
        first = f"{rtl}**{date}** — {title}{self.footnotes(e.notes)}"
        meta = self.place_and_lane(e)
        summary = e.summary
        out = [first]
        if summary:
            out.append(runs(escape_line(summary[0]), bidi))
        for para in summary[1:]:
            out += ["", rtl + runs(escape_line(para), bidi)]
        if meta:
            out.append(meta)
        out.append("")
        return out

    def footnotes(self, notes: tuple[int, ...]) -> str:
        text = self.cites.get(notes)
        if text is None:
            ids = [self.o.source(n).source.id for n in notes]
            # Commas keep adjacent reference numbers apart: "¹,²", not "¹²" read as twelve.
            text = self.cites[notes] = ",".join(f"[^{sid}]" for sid in ids)
        return text

    def place_and_lane(self, e: Entry) -> str:
        key = (e.place, e.group.label if e.group else None)
        text = self.meta.get(key)
        if text is None:
            meta = [runs(escape(x), self.o.rtl) for x in key if x]
            text = self.meta[key] = "*" + " · ".join(meta) + "*" if meta else ""
        return text


def _source(s: SourceItem, o: Outline, rtl: str) -> str:
    w = o.words
    bidi = o.rtl
    parts = [runs(escape(s.publisher), bidi)] if s.publisher else []
    opening, title, closing = w.quote_parts(s.title)
    parts.append(escape(opening) + runs(escape(title), bidi) + escape(closing))
    if s.date:
        parts.append(escape(s.date))
    text = w.comma.join(parts) + "."
    if s.note:
        text += " " + " ".join(runs(escape(p), bidi) for p in s.note)
    if s.url:
        text += " " + ltr(f"<{href(s.url)}>", bidi)
    return f"[^{s.source.id}]: {rtl}{text}"
