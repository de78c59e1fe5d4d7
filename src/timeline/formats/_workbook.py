"""Workbooks (xlsx, xlsm, xls, ods) as tables of typed cells, read with python-calamine.

A cell keeps the type the spreadsheet gave it: a date cell is a ``date`` (or a ``datetime``
when it shows a time), a number is a ``float``, text is ``str``, an empty cell ``""``.
Positions are the sheet's own: ``rows[0][0]`` is A1. Merged ranges come from calamine for
xlsx and xls and from the document's own XML for ods (calamine does not report them there).
python-calamine is imported on first use.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from xml.etree.ElementTree import ParseError, iterparse

__all__ = [
    "MAX_CELLS",
    "MAX_UNZIPPED",
    "CellValue",
    "Merge",
    "Table",
    "WorkbookError",
    "read_workbook",
]

#: The most cells one sheet may span (its rows times its columns, empty ones included): a
#: 5 KB workbook with one cell at row 200,000, column 500 spans 100 million, and reading it
#: as a table would take gigabytes. 200,000 events of 20 columns fit.
MAX_CELLS = 4_000_000
#: The most bytes a workbook's archive may hold once unpacked (a zip bomb is refused
#: before anything is unpacked).
MAX_UNZIPPED = 256 * 1024 * 1024

CellValue = str | int | float | bool | date | datetime | time | timedelta
#: A merged range: first row, first column, last row, last column (0-based, inclusive).
Merge = tuple[int, int, int, int]


@dataclass
class Table:
    """One sheet (or a CSV file, ``name`` None): its rows of cells and merged ranges."""

    name: str | None
    rows: list[list[CellValue]]
    merged: list[Merge] = field(default_factory=list)
    hidden: bool = False


class WorkbookError(Exception):
    """A file that is not a workbook calamine can read, or one over a limit; the message
    says why, ``hint`` (when set) what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def read_workbook(data: bytes, *, ods: bool) -> list[Table]:
    """Every sheet of the workbook in ``data``, in workbook order. Raises WorkbookError."""
    import python_calamine as calamine

    _check_archive(data)
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError:
        raise WorkbookError("the workbook is protected by a password") from None
    except (calamine.CalamineError, ValueError, OSError) as exc:
        raise WorkbookError(f"not a workbook that can be read ({exc})") from None
    ods_merges = _ods_merges(data) if ods else {}
    tables = []
    with book:
        for meta in book.sheets_metadata:
            try:
                sheet = book.get_sheet_by_name(meta.name)
                _check_cells(meta.name, sheet.height, sheet.width)
                rows = sheet.to_python(skip_empty_area=False)
                ranges = sheet.merged_cell_ranges
            except (calamine.CalamineError, ValueError) as exc:
                raise WorkbookError(f"sheet '{meta.name}' cannot be read ({exc})") from None
            merged = [(a, b, c, d) for (a, b), (c, d) in ranges or ()]
            merged += ods_merges.get(meta.name, [])
            hidden = meta.visible != calamine.SheetVisibleEnum.Visible
            tables.append(Table(meta.name, [list(r) for r in rows], merged, hidden))
    return tables


def _check_archive(data: bytes) -> None:
    """WorkbookError when a zip workbook (xlsx, xlsm, ods) would unpack to more than
    :data:`MAX_UNZIPPED` bytes, from its directory alone."""
    if not data.startswith(b"PK"):
        return  # xls, or not a workbook: calamine says which
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return
    if unpacked > MAX_UNZIPPED:
        raise WorkbookError(
            f"the workbook unpacks to {unpacked:,} bytes; the limit is {MAX_UNZIPPED:,}",
            "split it into several workbooks",
        )


def _check_cells(name: str, height: int, width: int) -> None:
    if height * width > MAX_CELLS:
        raise WorkbookError(
            f"sheet '{name}' spans {height:,} rows and {width:,} columns "
            f"({height * width:,} cells); the limit is {MAX_CELLS:,} cells",
            "delete the rows and columns beyond the events, or save the events alone",
        )


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_merges(data: bytes) -> dict[str, list[Merge]]:
    """The merged ranges of each sheet of an OpenDocument spreadsheet, from content.xml."""
    out: dict[str, list[Merge]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as xml:
            name, row, col, depth = "", 0, 0, 0
            repeat_row = 1
            for event, element in iterparse(xml, events=("start", "end")):
                tag = element.tag
                if tag == f"{_TABLE}table":
                    depth += 1 if event == "start" else -1
                    if event == "start" and depth == 1:
                        name, row = element.get(f"{_TABLE}name", ""), 0
                elif depth != 1:
                    continue
                elif tag == f"{_TABLE}table-row":
                    if event == "start":
                        col = 0
                        repeat_row = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                    else:
                        row += repeat_row
                        element.clear()
                elif tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                    if event != "start":
                        continue
                    rows = int(element.get(f"{_TABLE}number-rows-spanned", "1"))
                    cols = int(element.get(f"{_TABLE}number-columns-spanned", "1"))
                    if rows > 1 or cols > 1:
                        out.setdefault(name, []).append((row, col, row + rows - 1, col + cols - 1))
                    col += int(element.get(f"{_TABLE}number-columns-repeated", "1"))
    except (KeyError, ParseError, ValueError, zipfile.BadZipFile):
        return {}
    return out
