"""``ods``: an OpenDocument spreadsheet (LibreOffice, OpenOffice; Google Sheets downloads
it too), read with python-calamine like the other workbooks (:mod:`._book`)."""

from __future__ import annotations

from timeline.formats._book import read_book
from timeline.formats._draft import Draft, Notes
from timeline.formats._sheet import SheetOptions
from timeline.formats._workbook import WorkbookError, read_workbook

__all__ = ["read"]


def read(
    data: bytes, notes: Notes, *, file: str, options: SheetOptions, sheet: str | None
) -> Draft | None:
    """A draft from an ods workbook."""
    try:
        tables = read_workbook(data, ods=True)
    except WorkbookError as exc:
        notes.error(1, 1, str(exc), exc.hint or "save it again from the spreadsheet, as .ods")
        return None
    return read_book(tables, notes, file=file, options=options, sheet=sheet)
