"""``csv``: one row per event, for spreadsheets, and back.

Columns (:data:`COLUMNS`): ``id, date, end, title, summary, group, tags, place, sources,
certainty, importance, related``. ``date`` and ``end`` are written as in ``timeline.yaml``;
``tags``, ``sources`` and ``related`` hold several items separated by ``;``. A cell that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) is written with a ``'`` in front, which the importer removes again.
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath
from urllib.parse import urlsplit

from timeline.formats._common import URL_RE, join_items, split_items, split_when
from timeline.formats._draft import (
    Draft,
    DraftEvent,
    Notes,
    check_when,
    clean_text,
    event_id,
    is_id,
    one_line,
    split_title,
    unique,
)
from timeline.model import Event, Timeline, View
from timeline.spec import slug

__all__ = ["COLUMNS", "REQUIRED", "export", "neutralise", "read", "restore"]

COLUMNS = (
    "id",
    "date",
    "end",
    "title",
    "summary",
    "group",
    "tags",
    "place",
    "sources",
    "certainty",
    "importance",
    "related",
)
REQUIRED = ("date", "title")
_FORMULA_START = frozenset("=+-@\t\r")


def neutralise(cell: str) -> str:
    """``cell`` made safe to open in a spreadsheet: a ``'`` is put in front of a cell that
    would start a formula, and of one that already starts with ``'`` followed by such a
    character or another ``'`` (so :func:`restore` can tell the two apart)."""
    if cell[:1] in _FORMULA_START or (
        cell[:1] == "'" and (cell[1:2] in _FORMULA_START or cell[1:2] == "'")
    ):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The inverse of :func:`neutralise`."""
    if cell[:1] == "'" and (cell[1:2] in _FORMULA_START or cell[1:2] == "'"):
        return cell[1:]
    return cell


def export(timeline: Timeline, events: list[Event], view: View | None) -> str:
    """The events as CSV text (RFC 4180: comma-separated, CRLF line ends, UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for e in events:
        date, end = split_when(e.when)
        row = (
            e.id,
            date,
            end or "",
            e.title,
            e.summary or "",
            e.group or "",
            join_items(e.tags),
            e.place or "",
            join_items(e.sources),
            e.certainty.value,
            str(e.importance),
            join_items(e.related),
        )
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


# -- import --------------------------------------------------------------------------------


def sniff_delimiter(text: str) -> str:
    """``,``, ``;`` or a tab: whichever the header line holds most of (spreadsheets in many
    languages save CSV with ``;``)."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count)


def read_rows(text: str) -> list[list[str]]:
    """Every row of the CSV text (the header first), with the detected delimiter."""
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))


def read(
    text: str, notes: Notes, *, file: str, columns: dict[str, str] | None = None
) -> Draft | None:
    """A draft from CSV text whose header names our columns (or is mapped onto them by
    ``columns``: header name -> column, or -> ``""`` to leave a column out)."""
    try:
        rows = read_rows(text)
    except csv.Error as exc:
        notes.error(1, 1, f"not valid CSV: {exc}")
        return None
    if not rows or not any(cell.strip() for cell in rows[0]):
        notes.error(1, 1, "the file has no header row", f"name the columns: {', '.join(COLUMNS)}")
        return None
    index = _header(rows[0], notes, columns or {})
    if index is None:
        return None
    return _Rows(notes, index, len(rows[0]), file).draft(rows)


def _header(header: list[str], notes: Notes, mapping: dict[str, str]) -> dict[str, int] | None:
    """Column name -> position, or None after reporting bad columns."""
    mapped = {k.strip().lower(): v for k, v in mapping.items()}
    index: dict[str, int] = {}
    ok = True
    for col, raw in enumerate(header, start=1):
        name = raw.strip().lower()
        target = mapped.pop(name, name)
        if target == "":
            continue
        if target not in COLUMNS:
            notes.error(
                1,
                col,
                f"unknown column '{raw.strip()}'",
                f"columns are {', '.join(COLUMNS)}; use --map '{raw.strip()}=title' to read "
                f"it as another column, or --map '{raw.strip()}=' to leave it out",
            )
            ok = False
        elif target in index:
            notes.error(
                1, col, f"column '{target}' appears twice (first in column {index[target] + 1})"
            )
            ok = False
        else:
            index[target] = col - 1
    for name in mapped:
        notes.error(1, 1, f"--map names column '{name}', which the header does not have")
        ok = False
    for name in REQUIRED:
        if ok and name not in index:
            notes.error(1, 1, f"no '{name}' column", f"columns are {', '.join(COLUMNS)}")
            ok = False
    return index if ok else None


class _Rows:
    def __init__(self, notes: Notes, index: dict[str, int], width: int, file: str) -> None:
        self.notes = notes
        self.index = index
        self.width = width
        self.line = 1
        self.file = file
        self.ids: set[str] = set()
        self.group_ids: dict[str, str] = {}  # cell text -> group id
        self.source_ids: dict[str, str] = {}  # cell item -> source id
        self.draft_: Draft = Draft(title=_title_from(file))

    def draft(self, rows: list[list[str]]) -> Draft:
        d = self.draft_
        self.notes.warn(
            1, 1, f"a CSV file has no title: the chronology is called '{d.title}'", "edit 'title'"
        )
        explicit = {
            rows[r][self.index["id"]].strip()
            for r in range(1, len(rows))
            if "id" in self.index and self.index["id"] < len(rows[r])
        }
        self.ids = {i for i in explicit if i}
        seen: set[str] = set()
        for number, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            event = self._row(number, row, seen)
            if event is not None:
                d.events.append(event)
        self._related(d)
        return d

    def cell(self, row: list[str], name: str) -> str:
        at = self.index.get(name)
        if at is None or at >= len(row):
            return ""
        value, removed = clean_text(restore(row[at]))
        if removed:
            self.notes.warn(
                self.line,
                at + 1,
                f"'{name}': removed characters a chronology cannot hold: {removed}",
            )
        return value

    def col(self, name: str) -> int:
        return self.index.get(name, 0) + 1

    def _row(self, number: int, row: list[str], seen: set[str]) -> DraftEvent | None:
        self.line = number
        notes = self.notes
        if any(cell.strip() for cell in row[self.width :]):
            notes.error(
                number, self.width + 1, f"row has more cells than the header's {self.width}"
            )
            return None
        date, end = self.cell(row, "date").strip(), self.cell(row, "end").strip() or None
        if not date:
            notes.error(
                number, self.col("date"), "'date' is empty", "write a date such as 2011-03-15"
            )
            return None
        _, exc, in_end = check_when(date, end)
        if exc is not None:
            name = "end" if in_end else "date"
            notes.error(number, self.col(name), f"'{name}': {exc.message}", exc.hint)
            return None
        raw_title = self.cell(row, "title")
        if not raw_title.strip():
            notes.error(number, self.col("title"), "'title' is empty")
            return None
        title, rest = split_title(raw_title)
        summary = self.cell(row, "summary") or None
        if rest is not None:
            notes.warn(
                number,
                self.col("title"),
                "title longer than one line of 300 characters: the rest starts the summary",
            )
            summary = rest + ("\n\n" + summary if summary else "")
        event = DraftEvent(date=date, end=end, title=title, summary=summary, line=number)
        event.id = self._id(number, self.cell(row, "id").strip(), date, title, seen)
        if event.id is None:
            return None
        event.group = self._group(self.cell(row, "group").strip())
        event.tags = split_items(self.cell(row, "tags"))
        event.place = self._place(number, self.cell(row, "place"))
        event.sources = [self._source(item) for item in split_items(self.cell(row, "sources"))]
        event.related = split_items(self.cell(row, "related"))
        return self._kinds(number, row, event)

    def _kinds(self, number: int, row: list[str], event: DraftEvent) -> DraftEvent | None:
        certainty = self.cell(row, "certainty").strip().lower()
        if certainty and certainty not in ("confirmed", "reported", "claimed", "disputed"):
            self.notes.error(
                number,
                self.col("certainty"),
                f"'certainty' must be confirmed, reported, claimed or disputed; got '{certainty}'",
            )
            return None
        event.certainty = certainty if certainty not in ("", "reported") else None
        importance = self.cell(row, "importance").strip()
        if importance and importance not in ("1", "2", "3"):
            self.notes.error(
                number,
                self.col("importance"),
                f"'importance' must be 1, 2 or 3; got '{importance}'",
            )
            return None
        event.importance = int(importance) if importance and importance != "2" else None
        return event

    def _id(self, number: int, given: str, date: str, title: str, seen: set[str]) -> str | None:
        if not given:
            return event_id(date, title, self.ids)
        if given in seen:
            self.notes.error(number, self.col("id"), f"duplicate event id '{given}'")
            return None
        if is_id(given):
            seen.add(given)
            return given
        made = event_id(date, title, self.ids) if not slug(given) else unique(slug(given), self.ids)
        self.notes.warn(number, self.col("id"), f"'{given}' is not a valid id: used '{made}'")
        seen.add(given)
        return made

    def _group(self, text: str) -> str | None:
        if not text:
            return None
        if text not in self.group_ids:
            taken = set(self.group_ids.values())
            gid = (
                text if is_id(text) and text not in taken else unique(slug(text) or "group", taken)
            )
            self.group_ids[text] = gid
            self.draft_.groups[gid] = {"label": one_line(text)[:300]}
        return self.group_ids[text]

    def _place(self, number: int, text: str) -> str | None:
        if not text.strip():
            return None
        place, rest = split_title(text)
        if rest is not None:
            self.notes.warn(
                number, self.col("place"), "'place' longer than one line of 300 characters: cut"
            )
        return place

    def _source(self, item: str) -> str:
        if item in self.source_ids:
            return self.source_ids[item]
        taken = set(self.source_ids.values())
        fields: dict[str, str]
        if URL_RE.fullmatch(item):
            host = urlsplit(item).hostname or "link"
            sid = unique(slug(host.removeprefix("www.")) or "link", taken)
            fields = {"title": item, "url": item}
        elif is_id(item):
            sid = item if item not in taken else unique(item, taken)
            fields = {"title": item}
        else:
            sid = unique(slug(item) or "source", taken)
            fields = {"title": one_line(item)[:300]}
        self.source_ids[item] = sid
        self.draft_.sources[sid] = fields
        return sid

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


def _title_from(file: str) -> str:
    stem = PurePath(file).stem.replace("_", " ").replace("-", " ").strip()
    return (stem[:1].upper() + stem[1:]) if stem else "Imported chronology"
