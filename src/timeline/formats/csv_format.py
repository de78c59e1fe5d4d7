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
from collections.abc import Mapping

from timeline.formats._common import join_items, neutralise, restore, split_when
from timeline.formats._draft import Draft, Notes
from timeline.formats._human_dates import Order
from timeline.formats._sheet import SheetOptions, read_table
from timeline.formats._workbook import CellValue, Table
from timeline.model import Event, Timeline, View
from timeline.spec import MAX_BYTES, MAX_EVENTS

__all__ = ["COLUMNS", "export", "neutralise", "read", "read_rows", "restore", "sniff_delimiter"]

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


class TooManyRows(Exception):
    """More rows than a chronology may hold events; ``row`` is where the limit was passed."""

    def __init__(self, row: int) -> None:
        super().__init__(row)
        self.row = row


def read_rows(text: str) -> list[list[str]]:
    """Every row of the CSV text (the header first), read with the detected delimiter.
    Raises csv.Error (its ``row`` attribute set: the row as a spreadsheet numbers it) and
    :class:`TooManyRows` as soon as there are more rows than a chronology may hold events
    (and a header), before the rest is read."""
    limit = MAX_EVENTS + 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows: list[list[str]] = []
    previous = csv.field_size_limit()
    # A cell may be as long as the file (a summary of 200 KB); the default is 128 KB.
    csv.field_size_limit(MAX_BYTES)
    try:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return rows
            except csv.Error as exc:
                exc.row = len(rows) + 1  # type: ignore[attr-defined]
                raise
            rows.append(row)
            if len(rows) > limit:
                raise TooManyRows(len(rows))
    finally:
        csv.field_size_limit(previous)


def rows_or_errors(text: str, notes: Notes) -> list[list[str]] | None:
    """The rows of CSV ``text``, or None with the error at its row (not CSV, or more rows
    than a chronology holds events)."""
    try:
        return read_rows(text)
    except csv.Error as exc:
        notes.error(getattr(exc, "row", 1) or 1, 1, f"not valid CSV: {exc}")
    except TooManyRows as exc:
        notes.error(
            exc.row,
            1,
            f"more than {MAX_EVENTS:,} rows; a chronology holds at most {MAX_EVENTS:,} events",
            "split the file into several",
        )
    return None


def read(
    text: str,
    notes: Notes,
    *,
    file: str,
    columns: Mapping[str, str] | None = None,
    order: Order | None = None,
) -> Draft | None:
    """A draft from CSV text, read like a sheet (:mod:`._sheet`): its header names the
    columns, in our names or the ones people use (``columns`` maps others: header name ->
    key, or -> ``""`` to leave a column out); ``order`` reads numeric dates day or month
    first."""
    rows = rows_or_errors(text, notes)
    if rows is None:
        return None
    if not rows or not any(cell.strip() for row in rows for cell in row):
        notes.error(1, 1, "the file has no header row", f"name the columns: {', '.join(COLUMNS)}")
        return None
    width = max(len(row) for row in rows)
    cells: list[list[CellValue]] = [[*row, *[""] * (width - len(row))] for row in rows]
    table = Table(None, cells)
    options = SheetOptions(columns=columns or {}, order=order, csv=True)
    return read_table(table, notes, file=file, options=options)
