"""The chronology as plain text: for terminals, e-mail and plain-text documents.

Lines are at most 80 columns (a word longer than a line, such as a URL, stands alone on
its line rather than being broken). Dates sit in a column of their own, and everything
about an event hangs beside it. Headings are underlined, sources are numbered at the end,
and there is no markup. Widths count what a terminal shows: combining marks take no column
and East Asian wide characters take two.
"""

from __future__ import annotations

import unicodedata

from ..model import Event, Timeline, View
from ._text_outline import Entry, Heading, Outline, SourceItem, outline

__all__ = ["WIDTH", "display_width", "render", "wrap"]

WIDTH = 80
#: The date column is as wide as the longest date, up to this; longer dates wrap in it.
MAX_DATE = 24
_GAP = "  "
_KEEP = "\x00"  # a space the wrapper must not break at (user text has no NULs)
_UNDERLINE = {0: "=", 1: "=", 2: "-", 3: "~"}


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes."""
    if text.isascii():
        return len(text)
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap at ``width`` columns; no-break spaces keep their words together."""
    lines: list[str] = []
    current: list[str] = []
    used = 0
    measure = len if text.isascii() else display_width
    for word in text.split(" "):
        if not word:
            continue
        w = measure(word)
        if current and used + 1 + w > width:
            lines.append(" ".join(current))
            current, used = [word], w
        else:
            used += w + (1 if current else 0)
            current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def render(timeline: Timeline, view: View, events: list[Event], *, locale: str) -> str:
    """The view's chronology as plain text."""
    o = outline(timeline, view, events, locale)
    lines = _title(o)
    dates = {id(e): "".join(t for t, _ in e.when) for e in o.entries}
    date_width = min(max((display_width(d) for d in dates.values()), default=0), MAX_DATE)
    if not o.entries:
        lines += [*wrap(o.words.empty, WIDTH), ""]
    for item in o.items:
        if isinstance(item, Heading):
            # A heading right under another needs one blank line between them, not two.
            under_heading = len(lines) >= 2 and not lines[-1] and _is_rule(lines[-2])
            lines += _heading(item)[1:] if under_heading else _heading(item)
        else:
            lines += _entry(item, o, dates[id(item)], date_width)
    if o.sources:
        lines += _heading(Heading(2, o.words.sources, (), ""))
        number_width = len(f"[{len(o.sources)}]") + 1
        for s in o.sources:
            lines += [*_source(s, o, number_width), ""]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _title(o: Outline) -> list[str]:
    title = wrap(o.title, WIDTH)
    rule = "=" * min(WIDTH, max(display_width(t) for t in title))
    lines = [rule, *title, rule]
    if o.subtitle:
        lines += wrap(o.subtitle, WIDTH)
    status = o.words.as_of.format("".join(t for t, _ in o.as_of))
    if o.times_in:
        status += " " + o.words.times_in.format(o.times_in)
    lines += [*wrap(status, WIDTH), ""]
    return lines


def _is_rule(line: str) -> bool:
    return bool(line) and line[0] in "=-~" and line == line[0] * len(line)


def _heading(h: Heading) -> list[str]:
    text = h.text
    if h.span:
        text += " (" + "".join(t for t, _ in h.span) + ")"
    lines = wrap(text, WIDTH)
    rule = _UNDERLINE[h.level] * min(WIDTH, max(display_width(x) for x in lines))
    return ["", *lines, rule, ""]


def _entry(e: Entry, o: Outline, date: str, date_width: int) -> list[str]:
    body_width = WIDTH - date_width - len(_GAP)
    head = e.title
    if e.certainty:
        head += f" ({e.certainty})"
    if e.notes:
        head += " [" + o.words.comma.join(str(n) for n in e.notes) + "]"
    body = wrap(head, body_width)
    for i, para in enumerate(e.summary):
        body += [""] * (i > 0) + wrap(para, body_width)
    meta = [x for x in (e.place, e.group.label if e.group else None) if x]
    if meta:
        body += wrap(" · ".join(meta), body_width)
    left = wrap(date, date_width)
    rows = max(len(left), len(body))
    left += [""] * (rows - len(left))
    body += [""] * (rows - len(body))
    return [_pad(a, date_width) + _GAP + b for a, b in zip(left, body, strict=True)] + [""]


def _source(s: SourceItem, o: Outline, number_width: int) -> list[str]:
    w = o.words
    parts = [s.publisher] if s.publisher else []
    parts.append(w.quoted(s.title))
    if s.date:
        # A date is never broken across lines.
        parts.append(s.date.replace(" ", _KEEP))
    text = w.comma.join(parts) + "."
    if s.note:
        text += " " + " ".join(s.note)
    width = WIDTH - number_width
    body = [line.replace(_KEEP, " ") for line in wrap(text, width)]
    if s.url:
        body.append(s.url)
    label = f"[{s.number}]"
    indent = " " * number_width
    return [(_pad(label, number_width) if i == 0 else indent) + b for i, b in enumerate(body)]
