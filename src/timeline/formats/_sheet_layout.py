"""How a sheet is laid out: its cells as text, merged ranges spread over the cells they
cover, and the header row (in one row, or two with merged cells over the lower one)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from timeline.formats._columns import column_key, normalise
from timeline.formats._draft import one_line
from timeline.formats._workbook import CellValue, Table

__all__ = ["Covered", "Header", "blank", "cell_text", "filled", "find_header", "texts"]

#: How many rows may come before the header (titles, notes, blank rows).
_HEADER_SEARCH = 30
#: (row, column) of a cell inside a merged range -> the range's width in columns.
Covered = dict[tuple[int, int], int]


def cell_text(value: CellValue) -> str:
    """A cell's value as text: numbers without a needless ``.0``, dates in our notation."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%dT%H:%M}" if value.time() != time() else f"{value:%Y-%m-%d}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def blank(value: CellValue) -> bool:
    """True for an empty cell (or one holding only spaces)."""
    return isinstance(value, str) and not value.strip()


def texts(row: list[CellValue]) -> list[str]:
    """Each cell of a row as one line of text."""
    return [one_line(cell_text(v)) for v in row]


@dataclass
class Header:
    """Where the header is and the name of each column."""

    row: int  # 0-based index of the header row
    first: int  # 0-based index of the first row of the header (the parent row, if any)
    names: list[str]  # the name of each column, as written (parent and child joined)


def filled(table: Table) -> tuple[list[list[CellValue]], Covered]:
    """The rows with each merged range's value in every cell it covers, and for each
    covered cell the width of its merged range."""
    rows = [list(r) for r in table.rows]
    covered: Covered = {}
    for r0, c0, r1, c1 in table.merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        while len(rows) <= r1:
            rows.append([])
        for r in range(r0, r1 + 1):
            row = rows[r]
            row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value
                covered[(r, c)] = c1 - c0 + 1
    return rows, covered


def find_header(
    rows: list[list[CellValue]], covered: Covered, columns: Mapping[str, str]
) -> Header | None:
    """The header: the first row (of the first 30) naming a column of dates."""
    mapped = {normalise(k): v for k, v in columns.items()}

    def key(name: str) -> str | None:
        n = normalise(name)
        return mapped[n] if n in mapped else column_key(name)

    for r in range(min(len(rows), _HEADER_SEARCH)):
        names = texts(rows[r])
        if not any(key(n) == "date" for n in names if n):
            continue
        below = texts(rows[r + 1]) if r + 1 < len(rows) else []
        parent = any(covered.get((r, c), 1) > 1 for c, n in enumerate(names) if n)
        if parent and sum(1 for n in below if n) >= 2 and any(key(n) for n in below if n):
            joined = []
            for c in range(max(len(names), len(below))):
                top = names[c] if c < len(names) else ""
                low = below[c] if c < len(below) else ""
                joined.append(_two_level(top, low, key))
            return Header(r + 1, r, joined)
        return Header(r, r, names)
    return None


def _two_level(top: str, low: str, key: Callable[[str], str | None]) -> str:
    """One name for a column under a two-row header: the lower name when it means a key,
    else both joined (``Source`` over ``Link``), else whichever there is."""
    if low and top and low != top and not key(low):
        return f"{top} {low}"
    return low or top
