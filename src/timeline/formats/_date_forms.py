"""The forms one date can take in a spreadsheet cell, for :mod:`._human_dates`: numbers
(``2023-4-15``, ``15/04/2023`` in a given order, ``04/2023``, Excel day numbers) and month
names (``15 April 2023``, ``April 15, 2023``, ``Dec 2023``, ``15-Apr-2023``), with a weekday
and a time of day. Qualifiers, ranges and vague words are :mod:`._human_dates`' own.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from timeline.dates import DateError, parse_date
from timeline.i18n.names import month_named, multiword_months, weekday_named

__all__ = [
    "SERIAL",
    "Context",
    "Order",
    "Parts",
    "Reading",
    "Refused",
    "excel_serial",
    "one_date",
]

#: The reason given for a date read from an Excel serial day number.
SERIAL = "Excel serial day number"


class Order(enum.Enum):
    """Which number comes first in a numeric date such as ``03/04/2023``."""

    DAY_FIRST = "day first"
    MONTH_FIRST = "month first"


@dataclass(frozen=True, slots=True)
class Reading:
    """What a cell says, in our notation (a date, or a period ``A/B``, ``A/..``), and the
    interpretations that were needed to read it (``day first``, ``Excel serial day number``),
    for ``--explain``."""

    text: str
    why: tuple[str, ...] = ()


class Refused(DateError):
    """A cell that holds no date, or no certain one; ``consulted`` is True when the answer
    depended on the order of day and month."""

    def __init__(self, message: str, hint: str | None = None, *, consulted: bool = False) -> None:
        super().__init__(message, 0, hint)
        self.consulted = consulted


@dataclass
class Parts:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    utc: bool = False
    approximate: bool = False
    uncertain: bool = False
    weekday: int | None = None

    def text(self, original: str) -> str:
        """Our notation for these parts; raises Refused when they are not a real date."""
        if self.year is None:
            raise Refused(f"'{original}' has no year", "write the year with four digits")
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
                if self.hour is not None:
                    out += f"T{self.hour:02d}:{self.minute or 0:02d}"
                    if self.second is not None:
                        out += f":{self.second:02d}"
                    if self.utc:
                        out += "Z"
        out += "%" if self.approximate and self.uncertain else ""
        out += "~" if self.approximate and not self.uncertain else ""
        out += "?" if self.uncertain and not self.approximate else ""
        try:
            parsed = parse_date(out)
        except DateError as exc:
            raise Refused(exc.message, exc.hint) from None
        if self.weekday is not None:
            named = parsed.weekday()
            if named is None:
                raise Refused(f"'{original}' names a weekday but no day")
            if named != self.weekday:
                day = date(*parsed.parts[:3])
                raise Refused(
                    f"'{original}': {day:%d %B %Y} is a {day:%A}, not the weekday written",
                    "check the day and the weekday",
                )
        return out


@dataclass
class Context:
    original: str
    order: Order
    consulted: bool = False
    why: list[str] = field(default_factory=list)

    def refuse(self, message: str, hint: str | None = None) -> Refused:
        return Refused(message, hint, consulted=self.consulted)


_EXCEL_EPOCH = datetime(1899, 12, 30)


def excel_serial(number: float) -> str:
    """An Excel serial day number (1900 date system) as our date: ``45031`` is
    ``2023-04-15``; a fraction is the time of day, to the minute (or second)."""
    moment = _EXCEL_EPOCH + timedelta(days=number)
    moment = (moment + timedelta(microseconds=500_000)).replace(microsecond=0)
    if moment.time() == datetime.min.time():
        return f"{moment:%Y-%m-%d}"
    if moment.second:
        return f"{moment:%Y-%m-%dT%H:%M:%S}"
    return f"{moment:%Y-%m-%dT%H:%M}"


# -- words -------------------------------------------------------------------------------------

#: Words that may stand in a date and say nothing (``the 15th of April``, ``in 2019``).
_FILLER = frozenset({"of", "the", "le", "den", "am", "on", "in", "en", "im", "yil", "سنة", "عام"})
_TIME = re.compile(
    r"(?P<date>.+?)(?:[ ,]+|t)(?:at |a |à |um |saat )?"
    r"(?P<h>\d{1,2})(?:[:h](?P<m>\d{2})(?::(?P<s>\d{2}))?)?"
    r"\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?(?:\s*(?P<utc>utc|gmt|z))?"
)
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+)(?P<ord>st|nd|rd|th|er|re|e|\.)?(?![^\W\d_])"
    r"|(?P<month>\ue000\d\d)|(?P<word>[^\W\d_]+\.?)|(?P<sep>[,/.\-]))\s*"
)


def one_date(s: str, ctx: Context, partial: bool) -> Parts:
    """One date without qualifiers, with its time of day if it has one (``partial``: the
    start of a period, which may leave out the year, or the month and the year)."""
    m = _TIME.fullmatch(s)
    if m is not None and (m["m"] is not None or m["ampm"] is not None):
        try:
            parts = _date_only(m["date"], ctx, partial)
        except Refused as exc:
            try:
                return _date_only(s, ctx, partial)
            except Refused:
                raise exc from None
        else:
            if parts.day is None:
                raise ctx.refuse(f"'{ctx.original}' gives a time without a day")
            parts.hour = _hour(int(m["h"]), m["ampm"], ctx)
            parts.minute = int(m["m"] or 0)
            parts.second = int(m["s"]) if m["s"] else None
            parts.utc = m["utc"] is not None
            return parts
    return _date_only(s, ctx, partial)


def _hour(hour: int, ampm: str | None, ctx: Context) -> int:
    if ampm is None:
        return hour
    if not 1 <= hour <= 12:
        raise ctx.refuse(f"'{ctx.original}': {hour} {ampm} is not a time")
    return hour % 12 + (12 if ampm.startswith("p") else 0)


def _date_only(s: str, ctx: Context, partial: bool) -> Parts:
    numeric = _numeric(s, ctx, partial)
    if numeric is not None:
        return numeric
    return _named(s, ctx, partial)


def _numeric(s: str, ctx: Context, partial: bool) -> Parts | None:
    """Dates written in numbers only, or None when ``s`` is not one."""
    if m := re.fullmatch(r"(\d{4})", s):
        return Parts(int(m[1]))
    if m := re.fullmatch(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", s):
        return Parts(int(m[1]), int(m[3]), int(m[4]))
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", s):
        return Parts(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})[/.](\d{1,2})", s):
        raise _month_or_years(int(m[1]), m[2], ctx)
    if m := re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})", s):
        return _day_month(int(m[1]), int(m[3]), int(m[4]), ctx)
    if m := re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2})", s):
        full = f"{m[1]}{m[2]}{m[3]}{m[2]}20{m[4]}"
        raise ctx.refuse(
            f"'{ctx.original}' has a two-digit year",
            f"write the year in full: {full} for 20{m[4]}, or 19{m[4]}",
        )
    if m := re.fullmatch(r"(\d{1,2})[-/.](\d{4})", s):
        return Parts(int(m[2]), int(m[1]))
    if partial and (m := re.fullmatch(r"(\d{1,2})\.?", s)):
        return Parts(day=int(m[1]))
    if partial and (m := re.fullmatch(r"(\d{1,2})([/.])(\d{1,2})\.?", s)):
        return _day_month(int(m[1]), int(m[3]), None, ctx)
    if m := re.fullmatch(r"(\d{5})(?:[.,](\d+))?", s):
        ctx.why.append(SERIAL)
        whole = excel_serial(float(f"{m[1]}.{m[2] or 0}"))
        return _from_text(whole)
    return None


def _month_or_years(year: int, digits: str, ctx: Context) -> Refused:
    """``2023/4``: April 2023, or 2023 to 2024 written short (a season, a school year)."""
    base = 10 ** len(digits)
    end = year - year % base + int(digits)
    end += base if end <= year else 0
    readings = [f"{year:04d}-{int(digits):02d} for the month"] if int(digits) <= 12 else []
    readings += [f"{year}/{end} for the period"] if end - year <= 10 else []
    return ctx.refuse(
        f"'{ctx.original}' could be a month or a period of years",
        "write " + (", or ".join(readings) or "the date as YYYY-MM-DD"),
    )


def _from_text(text: str) -> Parts:
    d = parse_date(text)
    parts = Parts(d.year, d.month, d.day)
    if d.has_time:
        parts.hour, parts.minute = d.hour, d.minute
        parts.second = d.second if text.count(":") == 2 else None
    return parts


def _day_month(a: int, b: int, year: int | None, ctx: Context) -> Parts:
    if a != b:
        ctx.consulted = True
        ctx.why.append(ctx.order.value)
    day, month = (a, b) if ctx.order is Order.DAY_FIRST else (b, a)
    if not 1 <= month <= 12:
        raise ctx.refuse(
            f"'{ctx.original}' is not a {ctx.order.value} date: month {month} does not exist"
        )
    return Parts(year, month, day)


def _named(s: str, ctx: Context, partial: bool) -> Parts:
    """Dates with a month name (``15 April 2023``, ``April 15, 2023``, ``Dec 2023``)."""
    for name in multiword_months():
        if name in s:
            s = s.replace(name, f" \ue000{month_named(name) or 0:02d} ")
    tokens = _tokens(s, ctx)
    weekday = None
    if tokens and tokens[0][0] == "word":
        weekday = weekday_named(tokens[0][1])
        if weekday is not None:
            tokens = tokens[1:]
    kinds: list[str] = []
    values: list[int] = []
    for kind, value in tokens:
        if kind == "word":
            month = month_named(value)
            if month is None:
                if value.rstrip(".") in _FILLER:
                    continue
                raise ctx.refuse(
                    f"'{ctx.original}' is not a date: '{value}' is not a month name",
                    "write the date as 2023-04-15, 15 April 2023 or April 2023",
                )
            kinds.append("M")
            values.append(month)
        elif kind == "month":
            kinds.append("M")
            values.append(int(value[1:]))
        elif kind == "num":
            kinds.append("Y" if len(value) == 4 else "D" if len(value) <= 2 else "?")
            values.append(int(value))
        elif kind == "ord":
            kinds.append("d")
            values.append(int(value))
    parts = _shape("".join(kinds), values, ctx, partial)
    parts.weekday = weekday
    return parts


def _tokens(s: str, ctx: Context) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    at = 0
    while at < len(s):
        m = _TOKEN.match(s, at)
        if m is None or m.end() == at:
            raise ctx.refuse(
                f"'{ctx.original}' is not a date",
                "write the date as 2023-04-15, 15 April 2023 or April 2023",
            )
        at = m.end()
        if m["num"] is not None:
            out.append(("ord" if m["ord"] else "num", m["num"]))
        elif m["month"] is not None:
            out.append(("month", m["month"]))
        elif m["word"] is not None:
            out.append(("word", m["word"]))
    return out


_SHAPES: dict[str, tuple[int, int | None, int | None]] = {
    # day, month, year: 15 April 2023, 15. März 2023, 1er avril 2023, 15-Apr-2023
    "DMY": (2, 1, 0),
    "dMY": (2, 1, 0),
    # month, day, year: April 15, 2023 / April 15th 2023
    "MDY": (2, 0, 1),
    "MdY": (2, 0, 1),
    # month and year: Dec 2023, Apr-2023
    "MY": (1, 0, None),
    # a year after a word: in 2019
    "Y": (0, None, None),
}
#: Shapes of the start of a period, which may leave out the year: month, day positions.
_PARTIAL_SHAPES: dict[str, tuple[int, int]] = {
    "DM": (1, 0),
    "dM": (1, 0),
    "MD": (0, 1),
    "Md": (0, 1),
}


def _shape(kinds: str, values: list[int], ctx: Context, partial: bool) -> Parts:
    if kinds in _SHAPES:
        y, at_month, at_day = _SHAPES[kinds]
        return Parts(
            values[y],
            values[at_month] if at_month is not None else None,
            values[at_day] if at_day is not None else None,
        )
    if partial and kinds in _PARTIAL_SHAPES:
        at_month, at_day = _PARTIAL_SHAPES[kinds]
        return Parts(None, values[at_month], values[at_day])
    if partial and kinds == "M":
        return Parts(None, values[0])
    if partial and kinds in ("D", "d"):
        return Parts(day=values[0])
    if kinds in ("DMD", "dMD"):
        raise ctx.refuse(
            f"'{ctx.original}' has a two-digit year",
            f"write the year in full: {values[0]} {_MONTH_EN[values[1]]} 20{values[2]:02d}",
        )
    if kinds == "MD":
        raise ctx.refuse(
            f"'{ctx.original}' could be a day without a year or a month with a two-digit year",
            f"write {_MONTH_EN[values[0]]} 20{values[1]:02d} or {values[1]} "
            f"{_MONTH_EN[values[0]]} with its year",
        )
    if kinds in ("M", "DM", "dM", "MD", "Md"):
        raise ctx.refuse(f"'{ctx.original}' has no year", "write the year with four digits")
    raise ctx.refuse(
        f"'{ctx.original}' is not a date",
        "write the date as 2023-04-15, 15 April 2023 or April 2023",
    )


_MONTH_EN = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
