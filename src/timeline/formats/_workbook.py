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

__all__ = ["CellValue", "Merge", "Table", "WorkbookError", "read_workbook"]

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
    """A file that is not a workbook calamine can read; the message says why."""


def read_workbook(data: bytes, *, ods: bool) -> list[Table]:
    """Every sheet of the workbook in ``data``, in workbook order. Raises WorkbookError."""
    import python_calamine as calamine

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
                rows = sheet.to_python(skip_empty_area=False)
                ranges = sheet.merged_cell_ranges
            except (calamine.CalamineError, ValueError) as exc:
                raise WorkbookError(f"sheet '{meta.name}' cannot be read ({exc})") from None
            merged = [(a, b, c, d) for (a, b), (c, d) in ranges or ()]
            merged += ods_merges.get(meta.name, [])
            hidden = meta.visible != calamine.SheetVisibleEnum.Visible
            tables.append(Table(meta.name, [list(r) for r in rows], merged, hidden))
    return tables


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
