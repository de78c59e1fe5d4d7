"""Dates written for people: "March 2011", "c. 2019", "since 30 Sep 2015".

This module writes English; the text outputs extend it to other locales.
"""

from __future__ import annotations

import calendar

from .dates import Date, EndKind, Precision, When

__all__ = ["date_phrase", "when_phrase"]

_MONTHS = tuple(calendar.month_name)
_MONTHS_SHORT = tuple(calendar.month_abbr)
_WEEKDAYS = tuple(calendar.day_name)


def date_phrase(d: Date, *, short: bool = False, weekday: bool = False) -> str:
    """One date as words, with its qualifier: ``c. 2019``, ``2019?``, ``15 March 2011``."""
    months = _MONTHS_SHORT if short else _MONTHS
    p = d.precision
    if p == Precision.YEAR:
        core = f"{d.year}"
    elif p == Precision.MONTH:
        core = f"{months[d.month]} {d.year}"
    else:
        core = f"{d.day} {months[d.month]} {d.year}"
        if weekday:
            core = f"{_WEEKDAYS[calendar.weekday(d.year, d.month, d.day)]} {core}"
        if p >= Precision.MINUTE:
            core += f", {d.hour:02d}:{d.minute:02d}"
            if p == Precision.SECOND:
                core += f":{d.second:02d}"
            if d.offset is not None:
                core += f" ({_utc_offset(d.offset)})"
    if d.approximate:
        core = f"c. {core}"
    if d.uncertain:
        core = f"{core}?"
    return core


def _utc_offset(minutes: int) -> str:
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def when_phrase(w: When, *, short: bool = False, weekday: bool = False) -> str:
    """A date or period as words: ``July – 22 December 2016``, ``since 30 September 2015``,
    ``from 2011``."""
    start = date_phrase(w.start, short=short, weekday=weekday)
    if w.end_kind is EndKind.POINT:
        return start
    if w.end_kind is EndKind.ONGOING:
        return f"since {start}"
    if w.end_kind is EndKind.UNKNOWN:
        return f"from {start}"
    assert w.end is not None
    end = date_phrase(w.end, short=short, weekday=weekday)
    return f"{_shorten_start(w.start, w.end, start, short=short)} – {end}"


def _shorten_start(start: Date, end: Date, text: str, *, short: bool) -> str:
    """Drop the parts of the start the end repeats: "July – 22 December 2016"."""
    plain = not (start.approximate or start.uncertain or start.has_time or end.has_time)
    if not plain or start.year != end.year or start.precision == Precision.YEAR:
        return text
    months = _MONTHS_SHORT if short else _MONTHS
    if start.precision == Precision.MONTH:
        return months[start.month]
    if start.month == end.month and end.precision >= Precision.DAY:
        return f"{start.day}"
    return f"{start.day} {months[start.month]}"
