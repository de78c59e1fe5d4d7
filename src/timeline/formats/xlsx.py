"""``xlsx``: an Excel workbook, written with openpyxl and read (with ``xls`` and ``xlsm``)
with python-calamine.

The export's first sheet, ``Events``, has one row per event under a header row that is
frozen and filtered, with the columns of the ``csv`` export. Dates are text in our notation
(``2011-03``, ``2019~``), so their precision survives: a spreadsheet date cell can only hold
a day. Every other cell is text too, so nothing is run as a formula. The sheets ``Sources``,
``Groups``, ``Eras``, ``Views`` and ``About`` hold the rest of the chronology, so that
importing the workbook gives back the same chronology. The bytes depend only on the
chronology (fixed document dates and archive times).

Imports read any sheet people make (:mod:`._book`, :mod:`._sheet`).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING, Any

from timeline.formats._book import ABOUT_KEYS, AUXILIARY, read_book
from timeline.formats._common import join_items, split_when
from timeline.formats._draft import Draft, Notes
from timeline.formats._sheet import SheetOptions
from timeline.formats._workbook import WorkbookError, read_workbook
from timeline.formats.csv_format import COLUMNS
from timeline.model import Event, Timeline, View

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["MAX_CELL", "export_bytes", "read"]

#: The most characters a spreadsheet cell holds.
MAX_CELL = 32767
#: Document and archive dates: fixed, so the same chronology gives the same bytes.
_FIXED = datetime(2000, 1, 1)
_BLANK_TEXT = re.compile(rb"<t>(\s+)</t>")
_WIDTHS = {"date": 14, "end": 14, "title": 48, "summary": 64, "place": 20, "sources": 20}


def export_bytes(timeline: Timeline, events: list[Event], view: View | None) -> bytes:
    """The chronology as an xlsx workbook (only ``events`` in the Events sheet)."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Events"
    rows = [_event_row(e) for e in events]
    _table(sheet, COLUMNS, rows, _WIDTHS)
    t = timeline
    extras: dict[str, list[list[str]]] = {
        "Sources": [
            [
                sid,
                s.title,
                s.publisher or "",
                s.date.text if s.date else "",
                s.url or "",
                s.note or "",
            ]
            for sid, s in t.sources.items()
        ],
        "Groups": [[gid, g.label, g.color or ""] for gid, g in t.groups.items()],
        "Eras": [[e.title, *_dates(e.when), e.color or ""] for e in t.eras],
        "Views": [
            [
                v.name,
                v.title or "",
                v.subtitle or "",
                v.start.text if v.start else "",
                v.stop.text if v.stop else "",
                join_items(v.groups),
                join_items(v.tags),
                str(v.min_importance) if v.min_importance != 1 else "",
                v.layout if v.layout != "auto" else "",
            ]
            for v in t.views.values()
        ],
        "About": [[key, value] for key, value in _settings(t) if value],
    }
    for name, extra in extras.items():
        if extra or name == "About":
            columns = AUXILIARY[name]
            _table(book.create_sheet(name), columns, extra, {"title": 40, "value": 40})
    book.properties.created = _FIXED
    book.properties.modified = _FIXED
    book.properties.title = t.title
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _fixed_times(buffer.getvalue())


def _event_row(e: Event) -> list[str]:
    date, end = split_when(e.when)
    return [
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
    ]


def _dates(when: Any) -> list[str]:
    date, end = split_when(when)
    return [date, end or ""]


def _settings(t: Timeline) -> list[tuple[str, str | None]]:
    values = {
        "title": t.title,
        "subtitle": t.subtitle,
        "as_of": t.as_of.text if t.as_of_given else None,
        "locale": t.locale,
        "timezone": t.timezone,
    }
    return [(key, values[key]) for key in ABOUT_KEYS]


def _table(
    sheet: Worksheet, columns: tuple[str, ...], rows: list[list[str]], widths: dict[str, int]
) -> None:
    """A header row (bold, frozen, filtered) and rows of text cells."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for col, text in enumerate(row, start=1):
            if not text:
                continue
            if len(text) > MAX_CELL:
                raise ValueError(
                    f"row {number} of sheet {sheet.title}: '{columns[col - 1]}' is longer than "
                    f"a spreadsheet cell holds ({MAX_CELL:,} characters)"
                )
            cell = sheet.cell(row=number, column=col)
            cell.value = text
            cell.data_type = "s"  # text, even when it starts with '=': never a formula
    last = get_column_letter(len(columns))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    for col, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = widths.get(name, 12)


def _fixed_times(data: bytes) -> bytes:
    """The archive with every entry dated the same (zip entries carry the time written),
    and text made only of spaces or line breaks marked to be kept (openpyxl marks only text
    with spaces around other characters, and readers drop the rest)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                content = _BLANK_TEXT.sub(rb'<t xml:space="preserve">\1</t>', content)
            target.writestr(fixed, content)
    return out.getvalue()


def read(
    data: bytes, notes: Notes, *, file: str, options: SheetOptions, sheet: str | None
) -> Draft | None:
    """A draft from an xlsx, xlsm or xls workbook."""
    try:
        tables = read_workbook(data, ods=False)
    except WorkbookError as exc:
        notes.error(1, 1, str(exc), exc.hint or "save it again from the spreadsheet, as .xlsx")
        return None
    return read_book(tables, notes, file=file, options=options, sheet=sheet)
