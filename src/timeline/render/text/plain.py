"""The chronology as plain text: for terminals, e-mail and plain-text documents.

Lines are at most 80 columns (a word longer than a line, such as a URL, stands alone on
its line rather than being broken). Dates sit in a column of their own, and everything
about an event hangs beside it. Headings are underlined, sources are numbered at the end,
and there is no markup. Widths count what a terminal shows: combining marks take no column
and East Asian wide characters take two.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from timeline.loader._nodes import paused_gc
from timeline.model import Event, Timeline, View
from timeline.render.text._bidi import runs
from timeline.render.text._changes import ChangeNotes, ChangesSection, changes_section
from timeline.render.text._outline import Entry, Heading, Outline, SourceItem, outline

__all__ = ["WIDTH", "display_width", "render", "wrap"]

WIDTH = 80
#: The date column is as wide as the longest date, up to this; longer dates wrap in it.
MAX_DATE = 24
_GAP = "  "
_KEEP = "\x00"  # a space the wrapper must not break at (user text has no NULs)
_UNDERLINE = {0: "=", 1: "=", 2: "-", 3: "~"}


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes."""
    if text.isascii() or _not_narrow().search(text) is None:
        return len(text)
    return _columns(text)


def _columns(text: str) -> int:
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


@functools.cache
def _not_narrow() -> re.Pattern[str]:
    """A pattern finding any character that does not take exactly one column.

    Built from the same Unicode data :func:`display_width` counts with (once, on first use): text
    without such characters is as wide as it is long, and wraps by string search.
    """
    ranges = []
    start = None
    for code in range(0x80, _NARROW_SCAN_END + 1):
        narrow = code < _NARROW_SCAN_END and _columns(chr(code)) == 1
        if narrow and start is None:
            start = code
        elif not narrow and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile(f"[^\\x00-\\x7f{''.join(ranges)}]")


#: Characters up to here are checked for :func:`_not_narrow` (Latin, Greek, Cyrillic,
#: Hebrew, Arabic, general punctuation...); any later one takes the word-by-word wrap.
_NARROW_SCAN_END = 0x2E80


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap at ``width`` columns; no-break spaces keep their words together."""
    if not text:
        return []
    if (
        "  " in text
        or text[0] == " "
        or text[-1] == " "
        or not (text.isascii() or _not_narrow().search(text) is None)
    ):
        return _wrap_words(text, width)
    # One column per character, words one space apart: each line ends at the last space
    # that fits (found by string search), which is what the word-by-word wrap gives.
    lines = []
    start = 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut == -1:  # a word longer than a line stands alone on its line
            cut = text.find(" ", start)
            if cut == -1:
                break
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


def _wrap_words(text: str, width: int) -> list[str]:
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


def _no_lone_word(lines: list[str], width: int) -> list[str]:
    """A date column's lines without one word alone on the last ("environ", "2024"): one
    or two words of the line before come down, where that fits and leaves no day number at
    a line's end ("Depuis le / 30 septembre 2015", never "Depuis le 30 / septembre 2015")."""
    if len(lines) < 2 or " " in lines[-1]:
        return lines
    before = lines[-2].split(" ")
    for moved in (1, 2):
        kept = before[:-moved]
        last = " ".join([*before[-moved:], lines[-1]])
        if not kept or display_width(last) > width or _DAY_NUMBER.fullmatch(kept[-1]):
            continue
        return [*lines[:-2], " ".join(kept), last]
    return lines


#: A day of the month as a date phrase writes it: "30", "1er", "15." (German).
_DAY_NUMBER = re.compile(r"[0-9]{1,2}(?:er|\.)?")


def _pad(text: str, width: int) -> str:
    if text.isascii():
        return text.ljust(width)
    return text + " " * max(0, width - display_width(text))


@paused_gc()
def render(
    timeline: Timeline,
    view: View,
    events: list[Event],
    *,
    locale: str,
    changes: ChangeNotes | None = None,
) -> str:
    """The view's chronology as plain text; ``changes`` adds a "What changed since …"
    section and marks new and updated entries."""
    o = outline(timeline, view, events, locale)
    section = changes_section(changes, view, events, locale) if changes else None
    lines = _title(o)
    if section is not None and section.items:
        lines += _changes(section, o)
    entries = o.entries
    # Most dates have the same few widths: measure each distinct one once.
    date_width = min(max(map(display_width, {e.date for e in entries}), default=0), MAX_DATE)
    if not entries:
        lines += [*wrap(o.words.empty, WIDTH), ""]
    writer = _Entries(o, date_width, section.marks if section else {})
    for item in o.items:
        if isinstance(item, Heading):
            # A heading right under another needs one blank line between them, not two.
            under_heading = len(lines) >= 2 and not lines[-1] and _is_rule(lines[-2])
            lines += _heading(item)[1:] if under_heading else _heading(item)
        else:
            lines += writer.lines(item)
    if o.sources:
        lines += _heading(Heading(2, o.words.sources, (), ""))
        number_width = len(f"[{len(o.sources)}]") + 1
        for s in o.sources:
            lines += [*_source(s, o, number_width), ""]
    while lines and not lines[-1]:
        lines.pop()
    if o.rtl:
        # Isolated once wrapped: an isolate opens and closes on one line.
        lines = [runs(line, True) for line in lines]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _title(o: Outline) -> list[str]:
    title = wrap(o.title, WIDTH)
    # default=0: a title of characters no output writes (noncharacters) is empty.
    rule = "=" * min(WIDTH, max((display_width(t) for t in title), default=0))
    lines = [rule, *title, rule]
    if o.subtitle:
        lines += wrap(o.subtitle, WIDTH)
    status = "".join(t for t, _ in o.as_of)
    if o.times_in:
        status += " " + o.words.times_in.format(o.times_in)
    lines += [*wrap(status, WIDTH), ""]
    return lines


def _changes(section: ChangesSection, o: Outline) -> list[str]:
    lines = _heading(Heading(2, section.heading, (), ""))
    colon = o.words.colon
    for item in section.items:
        text = f"{item.word}{colon}{item.title} ({item.date.replace(' ', _KEEP)})"
        if item.what:
            text += f" — {item.what}"
        body = [line.replace(_KEEP, " ") for line in wrap(text, WIDTH - 2)]
        lines += [("- " if i == 0 else "  ") + b for i, b in enumerate(body)]
    return [*lines, ""]


def _is_rule(line: str) -> bool:
    return bool(line) and line[0] in "=-~" and line == line[0] * len(line)


def _heading(h: Heading) -> list[str]:
    text = h.text
    if h.span:
        text += " (" + "".join(t for t, _ in h.span) + ")"
    lines = wrap(text, WIDTH)
    rule = _UNDERLINE[h.level] * min(WIDTH, max((display_width(x) for x in lines), default=0))
    return ["", *lines, rule, ""]


class _Entries:
    """Writes entries, each piece that repeats (dates, citations, place and lane) once."""

    __slots__ = (
        "body_width",
        "cites",
        "comma",
        "date_width",
        "dates",
        "indent",
        "marks",
        "meta",
    )

    def __init__(self, o: Outline, date_width: int, marks: dict[str, tuple[str, str]]) -> None:
        #: The "new" or "updated" mark of each entry that has one, written out.
        self.marks = {eid: word + o.words.colon for eid, (_, word) in marks.items()}
        self.date_width = date_width
        self.body_width = WIDTH - date_width - len(_GAP)
        self.indent = " " * date_width + _GAP
        self.comma = o.words.comma
        #: A date's lines, each padded to the date column.
        self.dates: dict[str, list[str]] = {}
        self.cites: dict[tuple[int, ...], str] = {}
        self.meta: dict[tuple[str | None, str | None], list[str]] = {}

    def lines(self, e: Entry) -> list[str]:
        """The lines of one entry: its date in the date column, the rest beside it."""
        width = self.body_width
        head = e.title
        if self.marks:
            head = self.marks.get(e.event.id, "") + head
        if e.certainty:
            head += f" ({e.certainty})"
        if e.notes:
            head += self.footnotes(e.notes)
        body = wrap(head, width)
        for i, para in enumerate(e.summary):
            if i:
                body.append("")
            body += wrap(para, width)
        body += self.place_and_lane(e)
        left = self.dates.get(e.date)
        if left is None:
            lines = _no_lone_word(wrap(e.date, self.date_width), self.date_width)
            left = self.dates[e.date] = [_pad(a, self.date_width) for a in lines]
        out = [a + _GAP + b for a, b in zip(left, body, strict=False)]
        if len(body) > len(left):
            indent = self.indent
            out += [indent + b for b in body[len(left) :]]
        else:
            out += left[len(body) :]
        out.append("")
        return out

    def footnotes(self, notes: tuple[int, ...]) -> str:
        text = self.cites.get(notes)
        if text is None:
            text = self.cites[notes] = " [" + self.comma.join(str(n) for n in notes) + "]"
        return text

    def place_and_lane(self, e: Entry) -> list[str]:
        key = (e.place, e.group.label if e.group else None)
        lines = self.meta.get(key)
        if lines is None:
            meta = [x for x in key if x]
            lines = self.meta[key] = wrap(" · ".join(meta), self.body_width) if meta else []
        return lines


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
