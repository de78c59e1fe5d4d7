"""The dates of one spreadsheet column, read together.

A date cell is that date, at day precision (with its time when it shows one); a number is a
year (``2019``) or an Excel serial day number (five digits, ``45031``); text is read by
:mod:`._human_dates`. Numeric dates such as ``03/04/2023`` are read in one order for the
whole column: the order the column's other dates settle (``15/04/2023`` can only be day
first), or the one given with ``--day-first`` / ``--month-first``; when nothing settles it,
the column is refused with one error listing the cells that could be read either way.
Every conversion is noted once (for ``--explain``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from timeline.errors import cell_name, column_letters
from timeline.formats._draft import Notes
from timeline.formats._human_dates import SERIAL, Order, Reading, Refused, excel_serial, read_text
from timeline.formats._workbook import CellValue

__all__ = ["DateColumn", "in_words"]

_OPTION = {Order.DAY_FIRST: "--day-first", Order.MONTH_FIRST: "--month-first"}
_MONTHS = ("", *(date(2000, m, 1).strftime("%B") for m in range(1, 13)))


def in_words(text: str) -> str:
    """A day in our notation as words (``3 April 2023``), for messages; other dates as
    they are."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{int(text[8:])} {_MONTHS[int(text[5:7])]} {text[:4]}"
    return text


@dataclass
class _Cell:
    row: int
    #: What the cell holds, for messages: its text (quoted in messages), or a description
    #: of a typed cell (``date cell``, ``number 2019``).
    shown: str
    fixed: Reading | Refused | None = None  # the reading when the order does not matter
    day_first: Reading | Refused | None = None
    month_first: Reading | Refused | None = None
    #: ``serial`` (an Excel day number), ``year`` (a number that is a year) or ``""``.
    kind: str = ""
    typed: bool = False
    number: int = 0

    @property
    def quoted(self) -> str:
        return self.shown if self.typed else f"'{self.shown}'"

    def under(self, order: Order) -> Reading | Refused:
        if self.fixed is not None:
            return self.fixed
        found = self.day_first if order is Order.DAY_FIRST else self.month_first
        assert found is not None
        return found

    def settles(self) -> Order | None:
        """The one order in which this cell is a date, when only one is."""
        if self.fixed is not None:
            return None
        df_ok = isinstance(self.day_first, Reading)
        mf_ok = isinstance(self.month_first, Reading)
        if df_ok != mf_ok:
            return Order.DAY_FIRST if df_ok else Order.MONTH_FIRST
        return None


class DateColumn:
    """The cells of one date column (``key`` is ``date`` or ``end``) at column ``col``."""

    def __init__(self, key: str, col: int, notes: Notes, order: Order | None) -> None:
        self.key = key
        self.col = col
        self.notes = notes
        self.order = order
        self.cells: list[_Cell] = []
        #: (what was read, what it was read as) -> [first row, other cells, message]
        self._seen: dict[tuple[str, str], tuple[int, list[int], str]] = {}

    def add(self, row: int, value: CellValue) -> None:
        """Read one non-empty cell (in row ``row``)."""
        if isinstance(value, str):
            cell = _Cell(row, value.strip())
            reading: Reading | Refused
            try:
                reading, consulted = read_text(value, Order.DAY_FIRST)
            except Refused as exc:
                reading, consulted = exc, exc.consulted
            if not consulted:
                cell.fixed = reading
            else:
                cell.day_first = reading
                try:
                    cell.month_first = read_text(value, Order.MONTH_FIRST)[0]
                except Refused as exc:
                    cell.month_first = exc
                if (
                    isinstance(cell.day_first, Reading)
                    and isinstance(cell.month_first, Reading)
                    and cell.day_first.text == cell.month_first.text
                ):
                    cell.fixed = Reading(cell.day_first.text)
            if isinstance(cell.fixed, Reading) and cell.fixed.why == (SERIAL,):
                cell.kind = "serial"
            elif cell.shown.isdigit() and len(cell.shown) == 4:
                cell.kind, cell.number = "year", int(cell.shown)
        else:
            cell = _typed(row, value)
        self.cells.append(cell)

    def read(self) -> dict[int, str]:
        """Row -> our notation for every cell that reads; the others are noted as errors."""
        order, why = self._decide()
        serial = next((c for c in self.cells if c.kind == "serial"), None)
        out: dict[int, str] = {}
        for cell in self.cells:
            if serial is not None and cell.kind == "year":
                self._year_or_serial(cell, serial)
                continue
            if cell.fixed is None and order is None:
                continue  # reported with the whole column in _decide
            reading = cell.under(order or Order.DAY_FIRST)
            if isinstance(reading, Refused):
                self._refused(cell, reading, order)
                continue
            out[cell.row] = reading.text
            if reading.text != cell.shown:
                reasons = [why if order and r == order.value else r for r in reading.why]
                self._explain(cell, reading.text, reasons)
        self._flush()
        return out

    # -- deciding the order --------------------------------------------------------------

    def _decide(self) -> tuple[Order | None, str]:
        """The order of day and month for this column and the reason, or (None, "") after
        reporting why none can be chosen (when some cell needs one)."""
        letter = column_letters(self.col)
        if self.order is not None:
            return self.order, f"{self.order.value}, as {_OPTION[self.order]} says"
        settled: dict[Order, _Cell] = {}
        for cell in self.cells:
            found = cell.settles()
            if found is not None:
                settled.setdefault(found, cell)
        if len(settled) == 2:
            df, mf = settled[Order.DAY_FIRST], settled[Order.MONTH_FIRST]
            self.notes.error(
                mf.row,
                self.col,
                f"'{self.key}': column {letter} has day-first dates ({df.quoted} in "
                f"{cell_name(df.row, self.col)}) and month-first dates ({mf.quoted} in "
                f"{cell_name(mf.row, self.col)})",
                "write every date of a column the same way; 2023-04-15 is never ambiguous",
            )
            return None, ""
        if settled:
            ((order, cell),) = settled.items()
            where = cell_name(cell.row, self.col)
            return order, f"{order.value}, as {cell.quoted} in {where} shows"
        self._ambiguous()
        return None, ""

    def _ambiguous(self) -> None:
        either = [
            c
            for c in self.cells
            if c.fixed is None
            and isinstance(c.day_first, Reading)
            and isinstance(c.month_first, Reading)
        ]
        if not either:
            for cell in self.cells:
                if cell.fixed is None:
                    self._neither(cell)
            return
        first = either[0]
        assert isinstance(first.day_first, Reading)
        assert isinstance(first.month_first, Reading)
        df, mf = first.day_first.text, first.month_first.text
        rows = [str(c.row) for c in either]
        listed = ", ".join(rows[:-1]) + f" and {rows[-1]}" if len(rows) > 1 else rows[0]
        many = "rows" if len(rows) > 1 else "row"
        self.notes.error(
            first.row,
            self.col,
            f"'{self.key}': '{first.shown}' could be {in_words(df)} or {in_words(mf)}, and no "
            f"date in column {column_letters(self.col)} says which ({many} {listed} can be "
            "read either way)",
            f"add --day-first if {first.shown} is {df}, or --month-first if it is {mf}",
        )
        for cell in self.cells:
            if cell.fixed is None and cell not in either:
                self._neither(cell)

    # -- reporting -------------------------------------------------------------------------

    def _refused(self, cell: _Cell, exc: Refused, order: Order | None) -> None:
        hint = exc.hint
        if order is not None and cell.fixed is None:
            other = cell.under(Order.MONTH_FIRST if order is Order.DAY_FIRST else Order.DAY_FIRST)
            if isinstance(other, Reading):
                how = (
                    f"as {_OPTION[order]} says"
                    if self.order is not None
                    else "as the column's other dates are"
                )
                hint = f"it is read {order.value} {how}; read the other way it is {other.text}"
        elif (
            cell.fixed is None
            and isinstance(cell.month_first, Refused)
            and "is not a day first date" in exc.message
        ):
            # Neither order reads it: say what is wrong with the likelier one.
            exc = cell.month_first
            hint = exc.hint
        self.notes.error(cell.row, self.col, f"'{self.key}': {exc.message}", hint)

    def _neither(self, cell: _Cell) -> None:
        """Report a cell that reads in neither order (one readable in one order settles the
        column, so none is left when no order was decided)."""
        found = cell.under(Order.DAY_FIRST)
        if isinstance(found, Refused):
            self._refused(cell, found, None)

    def _year_or_serial(self, cell: _Cell, serial: _Cell) -> None:
        year = cell.number
        day = excel_serial(year)
        self.notes.error(
            cell.row,
            self.col,
            f"'{self.key}': {cell.quoted} could be the year {year} or Excel's day number "
            f"{year} ({in_words(day)}): column {column_letters(self.col)} holds Excel day "
            f"numbers ({serial.quoted} in {cell_name(serial.row, self.col)})",
            f"write 'in {year}' for the year, or {day} for the day",
        )

    def _explain(self, cell: _Cell, text: str, reasons: list[str]) -> None:
        message = f"{cell.quoted} read as {text}"
        if reasons:
            message += f" ({'; '.join(reasons)})"
        seen = self._seen.get((cell.quoted, text))
        if seen is None:
            self._seen[(cell.quoted, text)] = (cell.row, [], message)
        else:
            seen[1].append(cell.row)

    def _flush(self) -> None:
        for row, more, message in self._seen.values():
            n = len(more)
            extra = f"; the same in {n} more cell{'s' if n != 1 else ''}" if n else ""
            self.notes.explain(row, self.col, f"'{self.key}': {message}{extra}")
        self._seen.clear()


def _typed(row: int, value: CellValue) -> _Cell:
    """A cell the spreadsheet typed: a date, a number, a time, a truth value."""
    if isinstance(value, bool):
        shown = str(value).upper()
        return _Cell(row, shown, Refused(f"{shown} is not a date"), typed=True)
    if isinstance(value, datetime):
        shape = "%Y-%m-%dT%H:%M:%S" if value.second else "%Y-%m-%dT%H:%M"
        text = f"{value:%Y-%m-%d}" if value.time() == time() else value.strftime(shape)
        return _Cell(row, "date cell", Reading(text), typed=True)
    if isinstance(value, date):
        return _Cell(row, "date cell", Reading(f"{value:%Y-%m-%d}"), typed=True)
    if isinstance(value, time):
        refused = Refused(
            f"the time {value:%H:%M} has no day",
            "put the day in this column and the time in a 'time' column",
        )
        return _Cell(row, f"time cell {value:%H:%M}", refused, typed=True)
    if isinstance(value, timedelta):
        return _Cell(row, "duration", Refused(f"the duration {value} is not a date"), typed=True)
    number = float(value)
    shown = f"number {int(number) if number.is_integer() else number}"
    if number.is_integer() and 1000 <= number <= 9999:
        reading = Reading(f"{int(number):04d}")
        return _Cell(row, shown, reading, kind="year", typed=True, number=int(number))
    if 10000 <= number < 100000:
        reading = Reading(excel_serial(number), (SERIAL,))
        return _Cell(row, shown, reading, kind="serial", typed=True)
    return _Cell(row, shown, Refused(f"the {shown} is not a date"), typed=True)
