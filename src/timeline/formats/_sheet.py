"""A table of events (a sheet of a workbook, or a CSV file) read into a draft chronology.

- The header is the first row naming a column of dates (``Date``, ``Start``, ``Datum``,
  ``التاريخ``...); a row above it that holds one text only (a merged title) is the
  chronology's title. A header in two rows (``When`` merged over ``Start`` and ``End``) is
  read as one.
- Columns are matched by :mod:`._columns`; ``--map`` names others. A column no name matches
  is kept on each event as an ``x-`` key, with a warning.
- Dates are read a column at a time by :mod:`._date_cells`.
- A merged cell over several rows (a group written once for several events) counts for each
  row; a row that is only a merged cell across columns (a heading) is left out with a
  warning.

The layout (merged cells, the header) is :mod:`._sheet_layout`'s; sources and groups are
:mod:`._sheet_links`'.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import PurePath

from timeline.errors import column_letters, shorten, shown
from timeline.formats._columns import KEYS, column_key, extension_key, normalise, suggest
from timeline.formats._common import restore, split_items
from timeline.formats._date_cells import DateColumn
from timeline.formats._draft import (
    Draft,
    DraftEvent,
    IdMaker,
    Notes,
    check_when,
    clean_text,
    event_id,
    is_id,
    split_title,
    words,
)
from timeline.formats._human_dates import Order, is_present
from timeline.formats._sheet_layout import (
    Covered,
    Header,
    blank,
    cell_text,
    filled,
    find_header,
    texts,
)
from timeline.formats._sheet_links import Links, list_items
from timeline.formats._workbook import CellValue, Table
from timeline.spec import slug

__all__ = ["Known", "SheetOptions", "cell_text", "find_header", "read_table", "title_from"]

_CERTAINTIES = ("confirmed", "reported", "claimed", "disputed")
_EXACT = frozenset(normalise(key) for key in KEYS)


@dataclass(frozen=True, slots=True)
class SheetOptions:
    """How to read a table: ``columns`` maps column names to keys (``""`` leaves a column
    out), ``order`` reads numeric dates day or month first, ``csv`` says the cells are text
    from a CSV file (where our export put a ``'`` before formula-like cells)."""

    columns: Mapping[str, str] = field(default_factory=dict)
    order: Order | None = None
    csv: bool = False


@dataclass
class Known:
    """What the other sheets of a workbook define: sources and groups by id, and the
    chronology's title."""

    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    groups: dict[str, dict[str, str]] = field(default_factory=dict)
    title: str | None = None


def title_from(file: str) -> str:
    """A chronology title made from a file name: ``news_2023.csv`` -> ``News 2023``."""
    stem = PurePath(file).stem.replace("_", " ").replace("-", " ").strip()
    return (stem[:1].upper() + stem[1:]) if stem else "Imported chronology"


def read_table(
    table: Table, notes: Notes, *, file: str, options: SheetOptions, known: Known | None = None
) -> Draft | None:
    """A draft from a table of events, or None after noting why it cannot be read."""
    rows, covered = filled(table)
    header = find_header(rows, covered, options.columns)
    if header is None:
        notes.error(
            1,
            1,
            "no header row with a column of dates",
            "name the column of dates Date (or Start, When, Datum, Tarih, التاريخ), or "
            "--map 'Their name=date'",
        )
        return None
    reader = _Reader(notes, file, options, known or Known(), table.name is None)
    if not reader.columns(header):
        return None
    return reader.draft(rows, covered, header)


class _Reader:
    def __init__(
        self, notes: Notes, file: str, options: SheetOptions, known: Known, csv: bool
    ) -> None:
        self.notes = notes
        self.options = options
        self.known = known
        self.csv = csv
        self.index: dict[str, int] = {}  # key -> 0-based column
        self.extensions: dict[int, str] = {}  # 0-based column -> x- key
        self.header_row = 1
        self.draft_ = Draft(title=title_from(file))
        self.ids = IdMaker()
        #: The x- keys given to columns: one id maker, so thousands of columns stay linear.
        self.xkeys = IdMaker()
        self.links = Links(self.draft_, known.sources, known.groups)
        self.line = 1

    # -- the header ----------------------------------------------------------------------

    def columns(self, header: Header) -> bool:
        """Map the header's columns to keys; False after noting errors."""
        self.header_row = header.row + 1
        mapped = {normalise(k): (k, v) for k, v in self.options.columns.items()}
        ok = True
        targets: dict[int, str | None] = {}
        for c, name in enumerate(header.names):
            given = mapped.pop(normalise(name), None) if name else None
            targets[c] = given[1] if given is not None else column_key(name) if name else ""
        # A column named exactly after a key holds it, before one named with a synonym.
        exact = [c for c, name in enumerate(header.names) if normalise(name) in _EXACT]
        for c in [*exact, *(c for c in targets if c not in exact)]:
            name, target = header.names[c], targets[c]
            if target == "":
                continue
            if target is not None and target.startswith("x-"):
                self.extensions[c] = target
            elif target is None or target in self.index:
                self._unknown(c, name, target)
            else:
                self.index[target] = c
        for theirs, _ in mapped.values():
            self.notes.error(
                self.header_row, 1, f"--map names column '{theirs}', which the header does not have"
            )
            ok = False
        for need, names in (("date", "Date, Start or When"), ("title", "Title, Headline or Event")):
            if ok and need not in self.index:
                self.notes.error(
                    self.header_row,
                    1,
                    f"no '{need}' column",
                    f"name it {names}, or add --map 'Their name={need}'",
                )
                ok = False
        return ok

    def _unknown(self, c: int, name: str, taken: str | None) -> None:
        letter = column_letters(c + 1)
        xkey = self.xkeys.make(extension_key(name, letter))
        self.extensions[c] = xkey
        if taken is not None:
            first = self.index[taken]
            self.notes.warn(
                self.header_row,
                c + 1,
                f"column '{name}' also reads as '{taken}', which column "
                f"{column_letters(first + 1)} gives: kept as '{xkey}' on each event",
                f"--map '{name}=KEY' reads it as another key; --map '{name}=' leaves it out",
            )
            return
        close = suggest(name)
        hint = (
            f"if it holds the events' {close}, add --map '{name}={close}'"
            if close is not None and close not in self.index
            else f"--map '{name}=KEY' reads it as one of: {', '.join(KEYS)}; "
            f"--map '{name}=' leaves it out"
        )
        self.notes.warn(
            self.header_row,
            c + 1,
            f"column '{name}' is not a key of the format: kept as '{xkey}' on each event",
            hint,
        )

    # -- the rows ------------------------------------------------------------------------

    def draft(
        self,
        rows: list[list[CellValue]],
        covered: Covered,
        header: Header,
    ) -> Draft:
        d = self.draft_
        self._title(rows[: header.first])
        data = [
            (r + 1, row)
            for r, row in enumerate(rows)
            if r > header.row and not all(blank(v) for v in row)
        ]
        data = [(n, row) for n, row in data if not self._heading(n, row, covered)]
        self._unnamed(header, data)
        given = {self._raw(row, "id").strip() for _, row in data}
        self.ids.taken.update(i for i in given if i)
        dates = self._dates(data)
        seen: set[str] = set()
        for number, row in data:
            self.line = number
            event = self._row(number, row, dates, seen)
            if event is not None:
                d.events.append(event)
        self._related(d)
        return d

    def _unnamed(self, header: Header, data: list[tuple[int, list[CellValue]]]) -> None:
        """Columns that hold something under an empty header cell: kept as ``x-column-d``."""
        named = {c for c, name in enumerate(header.names) if name}
        width = max((len(row) for _, row in data), default=0)
        for c in range(width):
            if c in named or all(c >= len(row) or blank(row[c]) for _, row in data):
                continue
            letter = column_letters(c + 1)
            self.extensions[c] = self.xkeys.make(f"x-column-{letter.lower()}")
            self.notes.warn(
                self.header_row,
                c + 1,
                f"column {letter} has no name in the header: kept as "
                f"'{self.extensions[c]}' on each event",
                "name it in the header row",
            )

    def _title(self, preamble: list[list[CellValue]]) -> None:
        title_found = self.known.title is not None
        if self.known.title is not None:
            self.draft_.title = self.known.title
        for r, row in enumerate(preamble):
            found = {t for t in texts(row) if t}
            if not found:
                continue
            if len(found) == 1 and not title_found:
                title, rest = split_title(found.pop())
                self.draft_.title = title
                title_found = True
                if rest is None:
                    continue
            self.notes.warn(
                r + 1, 1, "this row above the header is not part of a chronology: left out"
            )
        if not title_found:
            what = "a CSV file" if self.csv else "the sheet"
            self.notes.warn(
                1,
                1,
                f"{what} has no title: the chronology is called '{self.draft_.title}'",
                "edit 'title'",
            )

    def _heading(self, number: int, row: list[CellValue], covered: Covered) -> bool:
        """A row that only holds one merged cell across columns (a heading): left out."""
        filled = [c for c, v in enumerate(row) if not blank(v)]
        if not all(covered.get((number - 1, c), 1) > 1 for c in filled):
            return False
        if len({cell_text(row[c]) for c in filled}) != 1 or len(filled) < 2:
            return False
        text = shorten(cell_text(row[filled[0]]), 60)
        self.notes.warn(
            number, filled[0] + 1, f"row has no date, only '{text}': left out as a heading"
        )
        return True

    def _dates(self, data: list[tuple[int, list[CellValue]]]) -> dict[str, dict[int, str]]:
        out: dict[str, dict[int, str]] = {}
        for key in ("date", "end"):
            at = self.index.get(key)
            if at is None:
                continue
            column = DateColumn(key, at + 1, self.notes, self.options.order)
            for number, row in data:
                value = row[at] if at < len(row) else ""
                if isinstance(value, str):
                    value = clean_text(restore(value) if self.options.csv else value)[0]
                if blank(value):
                    continue
                if key == "end" and isinstance(value, str) and is_present(value):
                    out.setdefault(key, {})[number] = ".."
                else:
                    column.add(number, value)
            out.setdefault(key, {}).update(column.read())
        return out

    def _clean(self, value: str, key: str, at: int) -> str:
        if self.options.csv:
            value = restore(value)
        value, removed = clean_text(value)
        if removed:
            self.notes.warn(
                self.line,
                at + 1,
                f"'{key}': removed characters a chronology cannot hold: {removed}",
            )
        return value

    def _cell(self, row: list[CellValue], key: str) -> str:
        """The text of the row's cell for ``key`` (spaces kept: a summary may be only a line
        break); removed characters are reported."""
        at = self.index.get(key)
        if at is None or at >= len(row) or row[at] == "":
            return ""
        return self._clean(cell_text(row[at]), key, at)

    def _raw(self, row: list[CellValue], key: str) -> str:
        """The text of the row's cell for ``key``, as it is."""
        at = self.index.get(key)
        return cell_text(row[at]) if at is not None and at < len(row) else ""

    def col(self, key: str) -> int:
        return self.index.get(key, 0) + 1

    def _row(
        self,
        number: int,
        row: list[CellValue],
        dates: dict[str, dict[int, str]],
        seen: set[str],
    ) -> DraftEvent | None:
        notes = self.notes
        if not self._raw(row, "date").strip():
            notes.error(
                number, self.col("date"), "'date' is empty", "write a date such as 2011-03-15"
            )
            return None
        has_end = bool(self._raw(row, "end").strip())
        date_text = dates["date"].get(number)
        end_text = dates.get("end", {}).get(number)
        if date_text is None or (has_end and end_text is None):
            return None  # the date column said why
        date_text = self._with_time(number, row, "date", "time", date_text)
        if end_text is not None and end_text != "..":
            end_text = self._with_time(number, row, "end", "end time", end_text)
        if date_text is None or (has_end and end_text is None):
            return None
        if end_text is not None and "/" in end_text:
            notes.error(
                number,
                self.col("end"),
                f"'end': '{self._raw(row, 'end').strip()}' is a period, not a date",
                f"write the end date alone ({end_text.rpartition('/')[2] or '..'})",
            )
            return None
        _, exc, in_end = check_when(date_text, end_text)
        if exc is not None:
            key = "end" if in_end else "date"
            notes.error(number, self.col(key), f"'{key}': {exc.message}", exc.hint)
            return None
        raw_title = self._cell(row, "title")
        if not raw_title.strip():
            notes.error(number, self.col("title"), "'title' is empty")
            return None
        title, rest = split_title(raw_title)
        summary = self._cell(row, "summary") or None
        if rest is not None:
            notes.warn(
                number,
                self.col("title"),
                "title longer than one line of 300 characters: the rest starts the summary",
            )
            summary = rest + ("\n\n" + summary if summary else "")
        event = DraftEvent(date=date_text, end=end_text, title=title, summary=summary, line=number)
        event.id = self._id(number, self._cell(row, "id").strip(), date_text, title, seen)
        if event.id is None:
            return None
        event.group = self.links.group(self._cell(row, "group").strip())
        event.tags = self._items(row, "tags", list_items(self._cell(row, "tags"), keep_empty=True))
        event.place = self._place(number, self._cell(row, "place"))
        event.sources = self.links.sources(
            self._cell(row, "sources"), self._cell(row, "source url")
        )
        related = split_items(self._cell(row, "related"), keep_empty=True)
        event.related = self._items(row, "related", related)
        for c, xkey in self.extensions.items():
            value = self._clean(cell_text(row[c]), xkey, c) if c < len(row) else ""
            if value.strip():
                event.extensions[xkey] = value.strip()
        return self._kinds(number, row, event)

    def _with_time(
        self, number: int, row: list[CellValue], key: str, time_key: str, text: str
    ) -> str | None:
        at = self.index.get(time_key)
        if at is None or at >= len(row) or blank(row[at]):
            return text
        value = row[at]
        clock = _clock(value)
        if clock is None:
            self.notes.error(
                number,
                at + 1,
                f"'{time_key}': '{cell_text(value)}' is not a time of day",
                "write it as 14:30 or 2:30 pm",
            )
            return None
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})([~?%]?)", text)
        if m is None:
            self.notes.error(
                number,
                at + 1,
                f"'{time_key}': a time needs a day, and '{key}' is {text}",
                "give the day in the date column, or leave the time out",
            )
            return None
        return f"{m[1]}T{clock}{m[2]}"

    def _kinds(self, number: int, row: list[CellValue], event: DraftEvent) -> DraftEvent | None:
        certainty = self._cell(row, "certainty").strip().lower()
        if certainty and certainty not in _CERTAINTIES:
            self.notes.error(
                number,
                self.col("certainty"),
                "'certainty' must be confirmed, reported, claimed or disputed; "
                f"got '{shown(certainty)}'",
            )
            return None
        event.certainty = certainty if certainty not in ("", "reported") else None
        importance = self._cell(row, "importance").strip()
        if importance and importance not in ("1", "2", "3"):
            self.notes.error(
                number,
                self.col("importance"),
                f"'importance' must be 1, 2 or 3; got '{shown(importance)}'",
            )
            return None
        event.importance = int(importance) if importance and importance != "2" else None
        return event

    def _id(self, number: int, given: str, date: str, title: str, seen: set[str]) -> str | None:
        if not given:
            return event_id(date, title, self.ids)
        if given in seen:
            self.notes.error(number, self.col("id"), f"duplicate event id '{shown(given)}'")
            return None
        if is_id(given):
            seen.add(given)
            return given
        made = event_id(date, title, self.ids) if not slug(given) else self.ids.make(slug(given))
        self.notes.warn(
            number, self.col("id"), f"'{shown(given)}' is not a valid id: used '{made}'"
        )
        seen.add(given)
        return made

    def _items(self, row: list[CellValue], key: str, items: list[str]) -> list[str]:
        """The items of a list cell as a chronology holds them: each on one line, the empty
        ones left out, both with a warning at the cell."""
        if not any(items):
            return []
        kept, notes = words(items)
        for note in dict.fromkeys(notes):
            self.notes.warn(self.line, self.col(key), f"'{key}': {note}")
        return kept

    def _place(self, number: int, text: str) -> str | None:
        if not text.strip():
            return None
        place, rest = split_title(text)
        if rest is not None:
            self.notes.warn(
                number, self.col("place"), "'place' longer than one line of 300 characters: cut"
            )
        return place

    def _related(self, d: Draft) -> None:
        ids = {e.id for e in d.events}
        for e in d.events:
            kept = [r for r in e.related if r in ids and r != e.id]
            for r in e.related:
                if r not in kept:
                    self.notes.warn(
                        e.line,
                        self.col("related"),
                        f"related event '{r}' is not in the file: the link is left out",
                    )
            e.related = kept


def _clock(value: CellValue) -> str | None:
    """A time of day as ``HH:MM`` (or ``HH:MM:SS``), or None."""
    if isinstance(value, time):
        return f"{value:%H:%M:%S}" if value.second else f"{value:%H:%M}"
    if isinstance(value, datetime):
        return None
    if isinstance(value, float) and 0 <= value < 1:
        hours, rest = divmod(round(value * 86400), 3600)
        minutes, seconds = divmod(rest, 60)
        clock = f"{hours:02d}:{minutes:02d}"
        return f"{clock}:{seconds:02d}" if seconds else clock
    m = re.fullmatch(
        r"(\d{1,2})(?:[:h](\d{2}))?(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?",
        cell_text(value).strip().lower(),
    )
    if m is None or (m[2] is None and m[4] is None):
        return None
    hour, minute = int(m[1]), int(m[2] or 0)
    if m[4] is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m[4].startswith("p") else 0)
    if hour > 23 or minute > 59 or (m[3] is not None and int(m[3]) > 59):
        return None
    return f"{hour:02d}:{minute:02d}" + (f":{m[3]}" if m[3] else "")
