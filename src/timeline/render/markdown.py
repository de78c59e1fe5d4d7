"""The chronology as Markdown that renders the same on GitHub, in pandoc and in MkDocs.

Only syntax the three share is used: ATX headings, emphasis, an image, footnotes (MkDocs
needs its ``footnotes`` extension) and autolinks. Everything the user wrote is escaped so it
reads as text: characters that CommonMark, pandoc and Python-Markdown all accept escaped with
a backslash get one; the others (``<``, ``|``, ``$``, ``~``, ``^``, a leading ``@`` and
entity-like ``&``) become character references, because Python-Markdown would print the
backslash. Only http and https URLs become links.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from .._yamlnodes import paused_gc
from ..model import Event, Timeline, View
from ._text_outline import Entry, Heading, Outline, SourceItem, href, outline

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
) -> str:
    """The view's chronology as Markdown; ``image`` is the chart's file name, if any."""
    o = outline(timeline, view, events, locale)
    rtl = _RLM if o.rtl else ""
    lines = [f"# {rtl}{escape(o.title)}", ""]
    if o.subtitle:
        lines += [rtl + escape_line(o.subtitle), ""]
    lines += [f"*{rtl}{_status(o)}*", ""]
    if image:
        # Linked to itself: the full-size chart is a click away, and pandoc does not turn
        # the image into a figure captioned with the whole alt text.
        target = quote(image)
        lines += [f"[![{escape(alt_text)}]({target})]({target})", ""]
    if not o.entries:
        lines += [rtl + escape_line(o.words.empty), ""]
    for item in o.items:
        if isinstance(item, Heading):
            lines += [_heading(item, rtl), ""]
        else:
            lines += _entry(item, o, rtl)
    if o.sources:
        lines += [f"## {rtl}{escape(o.words.sources)}", ""]
        for s in o.sources:
            lines += [_source(s, o, rtl), ""]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _status(o: Outline) -> str:
    as_of = "".join(t for t, _ in o.as_of)
    text = o.words.as_of.format(as_of)
    if o.times_in:
        text += " " + o.words.times_in.format(o.times_in)
    return escape(text)


def _heading(h: Heading, rtl: str) -> str:
    text = escape(h.text)
    if h.span:
        text += " (" + escape("".join(t for t, _ in h.span)) + ")"
    return "#" * (h.level + 1) + " " + rtl + text


def _footnotes(e: Entry, o: Outline) -> str:
    ids = [o.source(n).source.id for n in e.notes]
    # Commas keep adjacent reference numbers apart: "¹,²", not "¹²" read as twelve.
    return ",".join(f"[^{sid}]" for sid in ids)


def _entry(e: Entry, o: Outline, rtl: str) -> list[str]:
    date = escape("".join(t for t, _ in e.when))
    title = escape(e.title)
    if e.event.is_milestone:
        title = f"**{title}**"
    if e.certainty:
        title += f" *({escape(e.certainty)})*"
    if not e.title.endswith((".", "!", "?", "…", "؟")):
        title += "."
    first = f"{rtl}**{date}** — {title}{_footnotes(e, o)}"
    blocks: list[list[str]] = [[first]]
    for i, para in enumerate(e.summary):
        if i == 0:
            blocks[0].append(escape_line(para))
        else:
            blocks.append([rtl + escape_line(para)])
    meta = [escape(x) for x in (e.place, e.group.label if e.group else None) if x]
    if meta:
        blocks[-1].append("*" + " · ".join(meta) + "*")
    out: list[str] = []
    for block in blocks:
        out += [*block, ""]
    return out


def _source(s: SourceItem, o: Outline, rtl: str) -> str:
    w = o.words
    parts = [escape(s.publisher)] if s.publisher else []
    parts.append(escape(w.quoted(s.title)))
    if s.date:
        parts.append(escape(s.date))
    text = w.comma.join(parts) + "."
    if s.note:
        text += " " + " ".join(escape(p) for p in s.note)
    if s.url:
        text += f" <{href(s.url)}>"
    return f"[^{s.source.id}]: {rtl}{text}"
