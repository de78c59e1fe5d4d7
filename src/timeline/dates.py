"""The date model: what a chronology knows about when something happened.

A date is written in a subset of EDTF (ISO 8601-2): ``2011``, ``2011-03``, ``2011-03-15``,
``2024-11-29T06:30``, ``2024-11-29T06:30:15+03:00``, with a trailing qualifier ``~``
(approximate), ``?`` (uncertain) or ``%`` (both). A :class:`When` is a single date or a
period: ``2016-07/2016-12-22``, ongoing ``2015-09-30/..``, or with an unknown end ``2011/``.

Every date keeps its precision: ``2011-03`` means "some time in March 2011" and spans the
whole month. Instants are integer seconds since the Unix epoch (UTC), computed with the
standard library's datetime and the chronology's time zone (a pendulum timezone): creating a
pendulum DateTime per date costs about 40 times as much, which matters at 100,000 events.
"""

from __future__ import annotations

import enum
import re
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

__all__ = [
    "MAX_DATE_TEXT",
    "MAX_YEAR",
    "MIN_YEAR",
    "Date",
    "DateError",
    "EndKind",
    "Precision",
    "When",
    "parse_date",
    "parse_when",
]

MIN_YEAR = 1
MAX_YEAR = 9999
#: The longest text a date or period can be (``9999-12-31T23:59:59+14:00%`` twice and a
#: ``/`` is 53 characters): longer texts are refused before any parsing, so the cost of
#: reading a date and the length of its message never grow with what was written.
MAX_DATE_TEXT = 64


class Precision(enum.IntEnum):
    """How much of a date is known; coarser precisions compare lower."""

    YEAR = 1
    MONTH = 2
    DAY = 3
    MINUTE = 4
    SECOND = 5


_YEAR, _MONTH, _DAY, _MINUTE, _SECOND = Precision  # module constants: cheaper to read


class EndKind(enum.Enum):
    """How a :class:`When` ends."""

    POINT = "point"  # a single date, no end
    DATE = "date"  # a period with a known end date
    ONGOING = "ongoing"  # still going on as of the chronology's ``as_of``
    UNKNOWN = "unknown"  # began, and nobody knows when (or whether) it ended


class DateError(ValueError):
    """A date text that is not a valid date; ``offset`` is the 0-based column in the text."""

    def __init__(self, message: str, offset: int = 0, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


_DATE_RE = re.compile(
    r"""
    (?P<year>[0-9]{4})
    (?:-(?P<month>[0-9]{2})
      (?:-(?P<day>[0-9]{2})
        (?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?
          (?P<offset>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?
        )?
      )?
    )?
    (?P<qual>[~?%])?
    """,
    re.VERBOSE,
)

#: Days in each month of a common year (index 0 unused): the calendar module costs more to
#: import (it imports locale) than everything this module does with it.
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    """Days in ``month`` (1-12) of ``year``: ``_days_in_month(year, month)``."""
    return 29 if month == 2 and _is_leap(year) else _MONTH_DAYS[month]


def _month_name(month: int) -> str:
    import calendar  # only for a message: as the calendar module names the month

    return calendar.month_name[month]


_UTC = UTC
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)
_EPOCH_ORDINAL = _EPOCH.toordinal()
_NAIVE_EPOCH = datetime(1970, 1, 1)


def _ordinal(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to the given day."""
    return date(year, month, day).toordinal() - _EPOCH_ORDINAL


_SHIFTS: dict[tuple[tzinfo, int], int] = {}


def _zone_shift(tz: tzinfo, wall: int) -> int:
    """Seconds ``tz`` is ahead of UTC at wall-clock time ``wall`` (first occurrence)."""
    key = (tz, wall)
    shift = _SHIFTS.get(key)
    if shift is None:
        naive = _NAIVE_EPOCH + timedelta(0, wall)
        # The standard library's zones read only the wall-clock fields: asked directly,
        # they answer without an aware copy of the time (most of the cost here, paid once
        # per distinct time of a chronology). Any other tzinfo is asked as the API says.
        zones = sys.modules.get("zoneinfo")
        if zones is not None and tz.__class__ is zones.ZoneInfo:
            offset = tz.utcoffset(naive)
        else:
            offset = naive.replace(tzinfo=tz).utcoffset()
        shift = int(offset.total_seconds()) if offset is not None else 0
        if len(_SHIFTS) > 100_000:
            _SHIFTS.clear()
        _SHIFTS[key] = shift
    return shift


@dataclass(frozen=True, slots=True)
class Date:
    """One date as written: its known parts, precision, qualifier and UTC offset.

    The parts finer than ``precision`` are unknown and None: ``2011-03`` has ``month`` 3 and
    ``day`` None; ``2011-03-15`` has ``hour`` None. ``offset`` is the UTC offset in minutes
    written with the date (``Z`` is 0), or None when the date is read in the chronology's
    time zone. ``text`` is the canonical spelling. Build dates with :func:`parse_date`;
    a date built by hand must give exactly the parts its precision knows.
    """

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    precision: Precision = Precision.YEAR
    offset: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def text(self) -> str:
        """The canonical EDTF spelling of this date."""
        p = self.precision
        _, month, day, hour, minute, second = self.parts
        out = f"{self.year:04d}"
        if p >= Precision.MONTH:
            out += f"-{month:02d}"
        if p >= Precision.DAY:
            out += f"-{day:02d}"
        if p >= Precision.MINUTE:
            out += f"T{hour:02d}:{minute:02d}"
        if p >= Precision.SECOND:
            out += f":{second:02d}"
        if p >= Precision.MINUTE and self.offset is not None:
            out += _offset_text(self.offset)
        return out + self.qualifier

    @property
    def parts(self) -> tuple[int, int, int, int, int, int]:
        """Year, month, day, hour, minute and second, with 0 for each unknown part (for
        arithmetic; check :attr:`precision` to know which parts are real)."""
        return (
            self.year,
            self.month or 0,
            self.day or 0,
            self.hour or 0,
            self.minute or 0,
            self.second or 0,
        )

    @property
    def qualified(self) -> bool:
        """True when the date is approximate or uncertain."""
        return self.approximate or self.uncertain

    @property
    def qualifier(self) -> str:
        """``~``, ``?``, ``%`` or the empty string."""
        if self.approximate and self.uncertain:
            return "%"
        if self.approximate:
            return "~"
        if self.uncertain:
            return "?"
        return ""

    @property
    def has_time(self) -> bool:
        return self.precision >= Precision.MINUTE

    def bounds(self, tz: tzinfo) -> tuple[int, int]:
        """The first instant this date can mean and the first instant after it (epoch seconds).

        Dates without a written offset are read in ``tz``; an ambiguous wall time (clocks
        turned back) takes its first occurrence.
        """
        first, after = self._wall_seconds()
        if self.offset is not None:
            shift = self.offset * 60
            return first - shift, after - shift
        if tz is _UTC:
            return first, after
        # The end takes the offset in force at the span's last second (the first second
        # after 9999-12-31 is outside the calendar).
        return first - _zone_shift(tz, first), after - _zone_shift(tz, after - 1)

    def _wall_seconds(self) -> tuple[int, int]:
        """Wall-clock seconds since 1970-01-01T00:00 of the first and first-after instants."""
        # The parts the precision knows are never None (``or 0`` only satisfies the types;
        # this is the hottest function of a large chronology, so nothing more is done).
        p = self.precision
        y = self.year
        if p == Precision.YEAR:
            first_day = _ordinal(y, 1, 1)
            return first_day * 86400, (first_day + (366 if _is_leap(y) else 365)) * 86400
        month = self.month or 0
        if p == Precision.MONTH:
            first_day = _ordinal(y, month, 1)
            days = _days_in_month(y, month)
            return first_day * 86400, (first_day + days) * 86400
        day = _ordinal(y, month, self.day or 0) * 86400
        if p == Precision.DAY:
            return day, day + 86400
        first = day + (self.hour or 0) * 3600 + (self.minute or 0) * 60
        if p == Precision.MINUTE:
            return first, first + 60
        first += self.second or 0
        return first, first + 1

    def utc_offset(self, tz: tzinfo) -> int:
        """The UTC offset in minutes this date is read with: its own when written, else the
        one ``tz`` has at its first instant. Works for every date of years 1-9999, even where
        the instant falls outside them in UTC (a year-1 morning east of Greenwich)."""
        if self.offset is not None:
            return self.offset
        if tz is _UTC:
            return 0
        return _zone_shift(tz, self._wall_seconds()[0]) // 60

    def in_gap(self, tz: tzinfo) -> bool:
        """True when this wall-clock time does not exist in ``tz`` (clocks moved forward)."""
        if not self.has_time or self.offset is not None:
            return False
        wall = self._wall(last=False)
        try:
            round_trip = wall.replace(tzinfo=tz).astimezone(_UTC).astimezone(tz)
        except OverflowError:  # at the edges of year 1 or 9999: no transitions there
            return False
        return round_trip.replace(tzinfo=None) != wall

    def weekday(self) -> int | None:
        """Monday is 0; None unless the day is known."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day).weekday()

    def _wall(self, *, last: bool) -> datetime:
        p = self.precision
        y, month, day, hour, minute, second = self.parts
        if p == Precision.YEAR:
            return datetime(y, 12, 31, 23, 59, 59) if last else datetime(y, 1, 1)
        if p == Precision.MONTH:
            if not last:
                return datetime(y, month, 1)
            days = _days_in_month(y, month)
            return datetime(y, month, days, 23, 59, 59)
        if p == Precision.DAY:
            return datetime(y, month, day, *((23, 59, 59) if last else ()))
        if p == Precision.MINUTE:
            return datetime(y, month, day, hour, minute, 59 if last else 0)
        return datetime(y, month, day, hour, minute, second)


_new_object = object.__new__
(
    _set_year,
    _set_month,
    _set_day,
    _set_hour,
    _set_minute,
    _set_second,
    _set_precision,
    _set_offset,
    _set_approximate,
    _set_uncertain,
) = (getattr(Date, name).__set__ for name in Date.__slots__)


def _new_date(
    year: int,
    month: int | None,
    day: int | None,
    hour: int | None,
    minute: int | None,
    second: int | None,
    precision: Precision,
    offset: int | None,
    approximate: bool,
    uncertain: bool,
) -> Date:
    """``Date(...)`` with every field given, in order, made by setting its slots directly:
    about three times faster than the frozen dataclass's ``__init__`` (which goes through
    ``object.__setattr__`` once a field), and :func:`parse_date` makes one per date."""
    d: Any = _new_object(Date)
    _set_year(d, year)
    _set_month(d, month)
    _set_day(d, day)
    _set_hour(d, hour)
    _set_minute(d, minute)
    _set_second(d, second)
    _set_precision(d, precision)
    _set_offset(d, offset)
    _set_approximate(d, approximate)
    _set_uncertain(d, uncertain)
    return d  # type: ignore[no-any-return]


def _offset_text(minutes: int) -> str:
    if minutes == 0:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h:02d}:{m:02d}"


@dataclass(frozen=True, slots=True)
class When:
    """A date or a period: ``start``, and how it ends."""

    start: Date
    end: Date | None = None
    end_kind: EndKind = EndKind.POINT

    @property
    def is_period(self) -> bool:
        return self.end_kind is not EndKind.POINT

    @property
    def text(self) -> str:
        """The canonical EDTF spelling (``2016-07/2016-12-22``, ``2015-09-30/..``, ``2011/``)."""
        if self.end_kind is EndKind.POINT:
            return self.start.text
        if self.end_kind is EndKind.ONGOING:
            return f"{self.start.text}/.."
        if self.end_kind is EndKind.UNKNOWN:
            return f"{self.start.text}/"
        assert self.end is not None
        return f"{self.start.text}/{self.end.text}"

    def bounds(self, tz: tzinfo, as_of: int) -> tuple[int, int]:
        """First instant and first instant after, in epoch seconds.

        An ongoing period runs to ``as_of`` (the end of the chronology's as-of day); a period
        with an unknown end is bounded by its start date's own span.
        """
        start, start_end = self.start.bounds(tz)
        if self.end_kind is EndKind.DATE:
            assert self.end is not None
            return start, self.end.bounds(tz)[1]
        if self.end_kind is EndKind.ONGOING:
            return start, max(as_of, start_end)
        return start, start_end


def _too_long(text: str) -> DateError:
    return DateError(
        f"{text[:20]!r}... is {len(text):,} characters long; no date is longer than "
        f"{MAX_DATE_TEXT}",
        0,
        _HINT,
    )


def parse_date(text: str) -> Date:
    """Parse one EDTF-subset date; raise :class:`DateError` saying what is wrong and where."""
    if len(text) > MAX_DATE_TEXT:
        raise _too_long(text)
    m = _DATE_RE.fullmatch(text)
    if m is None:
        raise _explain(text)
    # One call for every part (each ``m["part"]`` is a call): this runs once per date.
    year_text, month_text, day_text, hour_text, minute_text, second_text, zone, qual = m.groups()
    year = int(year_text)
    month = day = hour = minute = second = None
    precision = _YEAR
    if month_text:
        month, precision = int(month_text), _MONTH
        if day_text:
            day, precision = int(day_text), _DAY
            if hour_text:
                hour, minute, precision = int(hour_text), int(minute_text), _MINUTE
                if second_text:
                    second, precision = int(second_text), _SECOND
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(
            f"year {year} is outside the supported range {MIN_YEAR:04d}-{MAX_YEAR}",
            0,
            "there is no year 0 in the calendar; 1 BC is not supported" if year == 0 else None,
        )
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month_text} does not exist (months run 01-12)", m.start("month"))
    if month is not None and day is not None:
        days = _days_in_month(year, month)
        if not 1 <= day <= days:
            raise DateError(
                f"day {day_text} does not exist: {_month_name(month)} {year} has {days} days",
                m.start("day"),
            )
    if hour is not None and minute is not None:
        if hour > 23:
            raise DateError(f"hour {hour_text} does not exist (hours run 00-23)", m.start("hour"))
        if minute > 59:
            raise DateError(
                f"minute {minute_text} does not exist (minutes run 00-59)", m.start("minute")
            )
        if second is not None and second > 59:
            raise DateError(
                f"second {second_text} does not exist (seconds run 00-59)", m.start("second")
            )
    offset = _parse_offset(zone, m.start("offset")) if zone else None
    return _new_date(
        year,
        month,
        day,
        hour,
        minute,
        second,
        precision,
        offset,
        qual == "~" or qual == "%",
        qual == "?" or qual == "%",
    )


def _parse_offset(text: str, at: int) -> int:
    if text == "Z":
        return 0
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4]) if len(digits) > 2 else 0
    if hours > 14 or minutes > 59 or (hours == 14 and minutes):
        raise DateError(f"UTC offset {text} does not exist (offsets run -12:00 to +14:00)", at)
    return sign * (hours * 60 + minutes)


_DAY_FIRST = re.compile(r"([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})")

_HINT = (
    "write dates as YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm], "
    "optionally followed by ~ (approximate), ? (uncertain) or % (both)"
)


def _explain(text: str) -> DateError:
    """Say as precisely as possible why ``text`` is not a date."""
    stripped = text.strip()
    if not stripped:
        return DateError("empty date", 0, _HINT)
    if stripped != text:
        return DateError(f"date {text!r} has spaces around it", 0)
    m = _DAY_FIRST.fullmatch(text)
    if m:
        return DateError(f"date {text!r} is not in year-month-day order", 0, _reordered(m))
    m = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[ t]([0-9:]+.*)", text)
    if m:
        return DateError(
            f"date {text!r} separates the time with a space", 10, f"write {m[1]}T{m[2]}"
        )
    # A number is a year only when it stands alone or starts a date ("13 April 2023" is
    # not year 13).
    m = re.match(r"-?[0-9]+(?=$|[-~?%/T])", text)
    if m and text.startswith("-"):
        return DateError(
            f"year {m[0]} is before year 1; supported years run {MIN_YEAR:04d}-{MAX_YEAR}", 0
        )
    if m and len(m[0]) > 4:
        return DateError(f"year {m[0]} is outside the supported range {MIN_YEAR:04d}-{MAX_YEAR}", 0)
    if m and len(m[0]) < 4:
        return DateError(f"year {m[0]} must be written with 4 digits", 0, f"write {int(m[0]):04d}")
    # Find the longest prefix that still reads as the start of a date, to point at the culprit.
    at = _first_bad_column(text)
    return DateError(f"{text!r} is not a date", at, _HINT)


def _reordered(m: re.Match[str]) -> str:
    """A hint offering ``15/03/2011`` in year-month-day order: the one day it can be, or
    both when the day and the month could be either number."""
    year, a, b = int(m[3]), int(m[1]), int(m[2])
    readings = []
    for day, month, order in ((a, b, "day first"), (b, a, "month first")):
        if 1 <= month <= 12 and 1 <= day <= _days_in_month(year, month):
            readings.append((f"{year:04d}-{month:02d}-{day:02d}", order))
    if len({text for text, _ in readings}) == 1:
        return f"write {readings[0][0]} (ISO 8601)"
    if readings:
        return " or ".join(f"write {t} if it is {o}" for t, o in readings) + " (ISO 8601)"
    return f"write it as {m[3]}-MM-DD (ISO 8601)"


def _first_bad_column(text: str) -> int:
    for i in range(len(text), 0, -1):
        if _DATE_RE.fullmatch(text[:i]):
            return i
    return 0


def parse_when(text: str) -> When:
    """Parse a date or period (``A``, ``A/B``, ``A/..``, ``A/``)."""
    if len(text) > MAX_DATE_TEXT:
        raise _too_long(text)
    if "/" not in text or _DAY_FIRST.fullmatch(text):
        return When(parse_date(text))
    head, _, tail = text.partition("/")
    if "/" in tail:
        raise DateError(f"period {text!r} has more than one '/'", len(head) + 1 + tail.index("/"))
    if head in ("", ".."):
        raise DateError(
            "a period needs a known start", 0, "write the earliest date it could have begun"
        )
    start = parse_date(head)
    if tail == "..":
        return When(start, None, EndKind.ONGOING)
    if tail == "":
        return When(start, None, EndKind.UNKNOWN)
    try:
        end = parse_date(tail)
    except DateError as exc:
        raise DateError(exc.message, exc.offset + len(head) + 1, exc.hint) from None
    return When(start, end, EndKind.DATE)
