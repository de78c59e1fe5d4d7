"""A chronology being imported: plain text fields in the order ``timeline.yaml`` writes them.

Importers fill a :class:`Draft` from a foreign file, reporting through :class:`Notes` every
problem (errors stop the import) and everything that cannot be carried over (warnings), each
at its ``file:line:col``. :mod:`._yaml` then writes the draft as ``timeline.yaml`` text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from typing import Any

from timeline.dates import Date, DateError, EndKind, When, parse_date, parse_when
from timeline.errors import Diagnostic, Severity, TimelineError
from timeline.spec import MAX_TITLE, MAX_WORD, IdMaker, event_id_base, is_id, slug

__all__ = [
    "Draft",
    "DraftEvent",
    "IdMaker",
    "ImportFailed",
    "Notes",
    "as_id",
    "check_when",
    "clean_text",
    "event_id",
    "is_id",
    "one_line",
    "split_title",
    "tidy",
    "words",
]


class ImportFailed(TimelineError):
    """A file that cannot be imported; ``diagnostics`` holds every error found, in order."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = str(diagnostics[0]) if diagnostics else "cannot import the file"
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(first + more)


class Notes:
    """Errors and warnings about one input file, in the order they were found.

    Set ``sheet`` while reading a sheet of a workbook: what is noted then is placed at that
    sheet's cells (``book.xlsx:Events!B12``). Sheets keep the order they were read in.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.sheet: str | None = None
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        #: How each converted value was read, for ``--explain``.
        self.conversions: list[Diagnostic] = []
        self._sheets: dict[str | None, int] = {None: 0}

    def error(self, line: int, col: int, message: str, hint: str | None = None) -> None:
        self.errors.append(self._at(line, col, "error", message, hint))

    def warn(self, line: int, col: int, message: str, hint: str | None = None) -> None:
        self.warnings.append(self._at(line, col, "warning", message, hint))

    def sheets(self, names: list[str]) -> None:
        """Report the sheets of a workbook in this order, whatever order they are read in."""
        for name in names:
            self._sheets.setdefault(name, len(self._sheets))

    def explain(self, line: int, col: int, message: str) -> None:
        self.conversions.append(self._at(line, col, "note", message, None))

    def _at(
        self, line: int, col: int, severity: Severity, message: str, hint: str | None
    ) -> Diagnostic:
        self._sheets.setdefault(self.sheet, len(self._sheets))
        return Diagnostic(self.file, line, col, severity, message, hint, self.sheet)

    def order(self, d: Diagnostic) -> tuple[int, int, int]:
        """A sort key: sheets in the order they were read, then row and column."""
        return self._sheets.get(d.sheet, 0), d.line, d.col

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ImportFailed(sorted(self.errors, key=self.order))


@dataclass
class DraftEvent:
    """One event as ``timeline.yaml`` will spell it. ``date`` may be a period; ``end`` is a
    date or ``..``. Defaults (certainty ``reported``, importance 2) are left out as None."""

    date: str
    title: str
    id: str | None = None
    end: str | None = None
    summary: str | None = None
    group: str | None = None
    place: str | None = None
    tags: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    certainty: str | None = None
    importance: int | None = None
    related: list[str] = field(default_factory=list)
    #: ``x-`` keys and their text, written after the format's keys (the tool ignores them).
    extensions: dict[str, str] = field(default_factory=dict)
    #: locale -> key -> text, as ``translations`` in the file.
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Where the event came from in the input file, for warnings found late.
    line: int = 1
    col: int = 1

    def when(self) -> When:
        """The date and end combined; raises DateError when they do not parse."""
        return _when(self.date, self.end)


@dataclass
class Draft:
    """A whole chronology as text fields. ``sources`` and ``groups`` map ids to their fields
    (``title``, ``publisher``, ``date``, ``url``, ``note``; ``label``, ``color``); ``eras``
    are ``title``, ``date``, ``end``, ``color``; ``views`` map names to their fields, whose
    values are text or lists of text. Groups, eras and views may hold ``translations``
    (locale -> key -> text), as the chronology itself does."""

    title: str
    events: list[DraftEvent] = field(default_factory=list)
    subtitle: str | None = None
    as_of: str | None = None
    locale: str | None = None
    timezone: str | None = None
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    eras: list[dict[str, Any]] = field(default_factory=list)
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


def tidy(draft: Draft) -> None:
    """Leave out every optional text that holds only white space (a summary of spaces, a
    blank note, an empty translation): a chronology has no empty text, and such text says
    nothing. A blank source title becomes the source's id."""
    if draft.subtitle is not None and not draft.subtitle.strip():
        draft.subtitle = None
    draft.translations = _without_blanks(draft.translations)
    for e in draft.events:
        for name in ("summary", "group", "place"):
            value = getattr(e, name)
            if value is not None and not value.strip():
                setattr(e, name, None)
        e.translations = _without_blanks(e.translations)
    for sid, fields in draft.sources.items():
        draft.sources[sid] = _without_blanks(fields)
        draft.sources[sid].setdefault("title", sid)
    for gid, group in draft.groups.items():
        draft.groups[gid] = _without_blanks(group)
    draft.eras[:] = [_without_blanks(era) for era in draft.eras]
    for name, view in draft.views.items():
        draft.views[name] = _without_blanks(view)


def _without_blanks(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, str) and not value.strip():
            continue
        out[key] = _without_blanks(value) if isinstance(value, dict) else value
    return out


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Lone surrogates: what a JSON file's "\\ud800" escape gives, and no text can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Every line break another tool may have written: CRLF, CR, NEL, U+2028, U+2029.
_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")


def clean_text(text: str) -> tuple[str, list[str]]:
    """``text`` with every kind of line break made a line feed and the characters a
    chronology refuses removed (control characters, invisible direction controls, lone
    surrogates). Returns the text and a list naming what was removed, for a warning."""
    if text.isascii() and _CONTROL.search(text) is None and "\r" not in text:
        return text, []
    text = _BREAKS.sub("\n", text)
    found = _CONTROL.findall(text) + _BIDI.findall(text) + _SURROGATE.findall(text)
    removed = [f"U+{ord(ch):04X}" for ch in found]
    if removed:
        text = _SURROGATE.sub("", _BIDI.sub("", _CONTROL.sub("", text)))
    return text, sorted(set(removed))


def words(items: list[str], *, limit: int | None = MAX_WORD) -> tuple[list[str], list[str]]:
    """List items (tags, ids) as a chronology holds them: cleaned, each on one line and at
    most ``limit`` characters, empty ones left out. Returns the items and notes on what was
    changed or left out, for warnings."""
    out: list[str] = []
    notes: list[str] = []
    for item in items:
        text, removed = clean_text(item)
        if removed:
            notes.append(f"removed characters a chronology cannot hold: {removed}")
        if "\n" in text or "\t" in text:
            notes.append("an item with line breaks or tabs is put on one line")
            text = one_line(text)
        if not text.strip():
            notes.append("an empty item is left out")
            continue
        if limit is not None and len(text) > limit:
            notes.append(f"an item longer than {limit} characters is cut")
            text = text[:limit].rstrip()
        out.append(text)
    return out, notes


def one_line(text: str) -> str:
    """Every run of white space (line breaks included) as one space, ends trimmed."""
    return " ".join(text.split())


def split_title(text: str) -> tuple[str, str | None]:
    """A title that fits (one line, at most MAX_TITLE characters) and the rest, if any.

    A title that already fits is returned as it is. Otherwise white space is tidied and a
    long title is cut at the last space before the limit, so no word is split.
    """
    whole = text.strip("\n").replace("\t", " ")
    if "\n" not in whole and len(whole) <= MAX_TITLE:
        return whole, None
    first, _, more = text.strip().partition("\n")
    first = one_line(first)
    rest = more.strip() or None
    if len(first) <= MAX_TITLE:
        return first, rest
    cut = first.rfind(" ", 0, MAX_TITLE - 1)
    cut = cut if cut > MAX_TITLE // 2 else MAX_TITLE - 1
    head, tail = first[:cut].rstrip() + "…", first[cut:].strip()
    return head, f"…{tail}" + (f"\n\n{rest}" if rest else "")


# Spreadsheets repeat dates (a year, a day): each distinct text is parsed once. A When is
# frozen, and a DateError is only read, so one may serve every cell holding the same text.
@functools.lru_cache(maxsize=4096)
def _when(date: str, end: str | None) -> When:
    when = parse_when(date)
    if end is None:
        return when
    if end == "..":
        return When(when.start, None, EndKind.ONGOING)
    return When(when.start, parse_date(end), EndKind.DATE)


def event_id(date: str, title: str, ids: IdMaker) -> str:
    """The id ``timeline`` would derive for an event (slug of date and title), made unique."""
    return ids.make(_id_base(date.partition("/")[0], title))


#: Rows often share a date and title (or a date): each pair is made into a slug once.
_id_base = functools.lru_cache(maxsize=4096)(event_id_base)


def as_id(text: str, ids: IdMaker, fallback: str) -> str:
    """``text`` itself when it is a valid unused id, else a unique slug of it."""
    if is_id(text) and text not in ids.taken:
        ids.taken.add(text)
        return text
    return ids.make(slug(text) or fallback)


@functools.lru_cache(maxsize=4096)  # see _when
def check_when(
    date: str, end: str | None, tz: tzinfo = UTC
) -> tuple[When | None, DateError | None, bool]:
    """Parse a date and optional end as the loader does, in the chronology's zone ``tz``:
    a wall time the zone skipped and a period ending before it starts are errors.

    Returns (when, error, error_in_end): ``error_in_end`` says whether the error is about
    ``end`` (so the caller can point at the right cell). The same texts give the same
    (shared, unchanging) objects.
    """
    try:
        start = parse_when(date)
    except DateError as exc:
        return None, exc, False
    for d in (start.start, start.end):
        if d is not None and d.in_gap(tz):
            return None, _gap(d, tz), False
    if end is None:
        return _ordered(start, tz)
    if start.is_period:
        return None, DateError("'end' given for a date that is already a period"), True
    if end == "..":
        return When(start.start, None, EndKind.ONGOING), None, False
    try:
        end_date = parse_date(end)
    except DateError as exc:
        return None, exc, True
    if end_date.in_gap(tz):
        return None, _gap(end_date, tz), True
    return _ordered(When(start.start, end_date, EndKind.DATE), tz, in_end=True)


def _gap(d: Date, tz: tzinfo) -> DateError:
    return DateError(
        f"{d.text} does not exist in {tz}: the clocks skipped that hour",
        0,
        "write the time with its UTC offset, e.g. +03:00",
    )


def _ordered(
    when: When, tz: tzinfo, *, in_end: bool = False
) -> tuple[When | None, DateError | None, bool]:
    if when.end is None:
        return when, None, False
    # As instants in the chronology's zone, as the loader compares them.
    if when.end.bounds(tz)[1] <= when.start.bounds(tz)[0]:
        message = f"period ends ({when.end.text}) before it starts ({when.start.text})"
        return None, DateError(message), in_end
    return when, None, False
