"""Small helpers the exporters and importers share: instants, dates, lists in one cell."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from timeline._colors import is_color
from timeline.dates import Date, EndKind, Precision, When
from timeline.model import Timeline

__all__ = [
    "is_color",
    "iso_instant",
    "join_items",
    "neutralise",
    "ongoing_end",
    "restore",
    "split_items",
    "split_when",
    "utc_datetime",
]


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_FORMULA_START = frozenset("=+-@\t\r")
_400_YEARS_DAYS = 146097


def iso_instant(epoch: int) -> str:
    """An instant as ISO 8601 in UTC (``2011-03-15T00:00:00Z``).

    Years outside 1-9999 (a year-1 date east of Greenwich begins in year 0 in UTC) are
    written as ISO 8601 expanded years (``0000``, ``-0001``, ``+10000``) instead of failing.
    """
    days, seconds = divmod(epoch, 86400)
    ordinal = days + _EPOCH_ORDINAL
    shift = 0
    while ordinal < 1:
        ordinal += _400_YEARS_DAYS
        shift -= 400
    while ordinal > date.max.toordinal():
        ordinal -= _400_YEARS_DAYS
        shift += 400
    d = date.fromordinal(ordinal)
    year = d.year + shift
    sign = "" if 0 <= year <= 9999 else ("-" if year < 0 else "+")
    year_text = f"{sign}{abs(year):04d}"
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{year_text}-{d.month:02d}-{d.day:02d}T{h:02d}:{m:02d}:{s:02d}Z"


def utc_datetime(epoch: int) -> datetime:
    """An aware UTC datetime; raises OverflowError outside years 1-9999."""
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=epoch)


def ongoing_end(t: Timeline, start: Date) -> Date:
    """The date an ongoing period is drawn to: the chronology's ``as_of``, cut to its day
    when the period's start has no time (so a period of days does not end at a minute).
    A period starting after ``as_of`` (a warning, not an error) ends with its start's own
    span, as :meth:`timeline.dates.When.bounds` has it: never before it starts."""
    first, after = start.bounds(t.tz)
    if t.as_of_instant <= first or (t.as_of_instant < after and not start.has_time):
        return Date(
            start.year,
            start.month,
            start.day,
            start.hour,
            start.minute,
            start.second,
            start.precision,
            start.offset,
        )
    a = t.as_of
    if start.has_time or a.precision <= Precision.DAY:
        return Date(a.year, a.month, a.day, a.hour, a.minute, a.second, a.precision, a.offset)
    return Date(a.year, a.month, a.day, precision=Precision.DAY)


def split_when(when: When) -> tuple[str, str | None]:
    """The ``date`` and ``end`` a file writes for ``when`` (an unknown end stays in ``date``
    as ``2011/``; an ongoing one is ``end: ..``)."""
    if when.end_kind is EndKind.DATE:
        assert when.end is not None
        return when.start.text, when.end.text
    if when.end_kind is EndKind.ONGOING:
        return when.start.text, ".."
    return when.text, None


def join_items(items: tuple[str, ...] | list[str]) -> str:
    """Items in one cell, separated by ``;``; a ``;`` or ``\\`` inside an item is escaped
    with a backslash. One item holding a comma or a line break is followed by a ``;``, so
    that it is not read as several (spreadsheet imports split on those when a cell has no
    ``;``)."""
    cell = ";".join(item.replace("\\", "\\\\").replace(";", "\\;") for item in items)
    return cell + ";" if len(items) == 1 and ("," in cell or "\n" in cell) else cell


def split_items(cell: str, *, keep_empty: bool = False) -> list[str]:
    """The inverse of :func:`join_items`; spaces around items are dropped, and so are empty
    items unless ``keep_empty``."""
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, "\\"))
        elif ch == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    if keep_empty:
        return [item.strip() for item in items]
    return [item.strip() for item in items if item.strip()]


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
