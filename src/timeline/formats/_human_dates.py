"""Dates as people type them into spreadsheet cells, read into our notation.

Every reading that is certain, and none that is a guess. :func:`read_text` reads one cell
for a given order of day and month, and says whether that order mattered; deciding the
order for a whole column is :mod:`._date_cells`' job. Read here:

- our own notation (``2023-04-15``, ``2019~``, ``2016-07/2016-12-22``), as it is;
- unpadded and year-first numbers (``2023-4-15``, ``2023/04/15``, ``2023.4.15``), a month
  and year (``04/2023``), day-month-year or month-day-year numbers (``15/04/2023``,
  ``4-15-2023``, ``15.04.2023``: the order is asked for), Excel serial day numbers
  (``45031``, five digits);
- month names in every supported locale (``Dec 2023``, ``15 April 2023``, ``April 15, 2023``,
  ``1er avril 2023``, ``15. März 2023``, ``Nisan 2023``, ``١٥ أبريل ٢٠٢٣``, ``15-Apr-2023``),
  with a weekday, which must agree (``Fri 29 Nov 2024``), and a time (``14:30``, ``2:30 pm``);
- ranges in one cell (``15–20 April 2023``, ``April – June 2023``, ``2019-2021``,
  ``from 2019 to 2021``), ongoing periods (``since 2015``, ``2015 – present``);
- qualifiers in words (``c. 2019``, ``circa``, ``around``, ``about``, ``vers``, ``um``,
  ``yaklaşık``, ``حوالي`` are approximate; ``2019?``, ``probably 2019`` uncertain).

Refused, each with a suggestion: two-digit years, a month or day without a year, words our
dates cannot say exactly (``early 2019``, ``spring``, ``Q1``, ``the 1990s``, ``between``),
and a trailing dash with nothing after it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from timeline.dates import DateError, parse_date, parse_when
from timeline.formats._draft import check_when
from timeline.i18n.names import fold, month_named, multiword_months, weekday_named

__all__ = ["SERIAL", "Order", "Reading", "Refused", "excel_serial", "is_present", "read_text"]

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
class _Parts:
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
                day = date(parsed.year, parsed.month, parsed.day)
                raise Refused(
                    f"'{original}': {day:%d %B %Y} is a {day:%A}, not the weekday written",
                    "check the day and the weekday",
                )
        return out


@dataclass
class _Context:
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

_APPROX_ABBR = r"(?:c|ca|circa|approx|env)\.?\s*(?=\d)"
_APPROX_WORDS = (
    "circa|around|about|approximately|approx\\.|roughly|vers|environ|autour de|um|etwa|gegen"
    "|ungefahr|yaklasik|takriben|حوالي|حوالى|نحو|قرابة|تقريبا"
)
_UNCERTAIN_WORDS = (
    "probably|possibly|perhaps|maybe|likely|probablement|peut-etre|sans doute|wahrscheinlich"
    "|vermutlich|vielleicht|muhtemelen|belki|ربما|غالبا|على الارجح"
)
_APPROX_SUFFIX = "civari|civarinda|dolaylari|dolaylarinda|sularinda|تقريبا"
_RANGE_WORDS = "to|until|till|through|thru|au|a|jusqu'au|jusqu'a|jusqu’au|jusqu’a|bis|إلى|الى|حتى"
_FROM_WORDS = "from|du|de|von|vom|من"
_SINCE_WORDS = "since|depuis|seit|منذ|itibaren"
_PRESENT_WORDS = (
    "present|now|today|ongoing|still ongoing|aujourd'hui|aujourd’hui|en cours|heute|laufend"
    "|andauernd|gunumuz|bugun|devam ediyor|الان|حتى الان|اليوم|مستمر"
)
_FILLER = frozenset({"of", "the", "le", "den", "am", "on", "in", "en", "im", "yil", "سنة", "عام"})
#: Words that say something our dates cannot say exactly; each is refused with advice.
_VAGUE = re.compile(
    r"\b(early|mid|middle|late|beginning|start|end|spring|summer|autumn|fall|winter"
    r"|q[1-4]|h[12]|half|quarter|decade|between|debut|fin|printemps|ete|automne|hiver"
    r"|annees|entre|anfang|mitte|ende|fruhling|fruhjahr|sommer|herbst|zwischen|basi|basinda"
    r"|ortasi|ortalarinda|sonu|sonunda|ilkbahar|yaz|sonbahar|kis|arasi|arasinda|اوائل|منتصف"
    r"|اواخر|بداية|نهاية|ربيع|صيف|خريف|شتاء|بين)\b|\d0'?s\b|\d0er\b"
)

_TIME = re.compile(
    r"(?P<date>.+?)(?:[ ,]+|t)(?:at |a |à |um |saat )?"
    r"(?P<h>\d{1,2})(?:[:h](?P<m>\d{2})(?::(?P<s>\d{2}))?)?"
    r"\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?(?:\s*(?P<utc>utc|gmt|z))?"
)
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+)(?P<ord>st|nd|rd|th|er|re|e|\.)?(?![^\W\d_])"
    r"|(?P<month>\ue000\d\d)|(?P<word>[^\W\d_]+\.?)|(?P<sep>[,/.\-]))\s*"
)


def is_present(text: str) -> bool:
    """True when ``text`` says "still going on" as an end: ``..``, ``present``, ``ongoing``,
    ``aujourd'hui``, ``heute``, ``günümüz``, ``حتى الآن``..."""
    s = fold(text)
    return s == ".." or re.fullmatch(rf"(?:{_PRESENT_WORDS})", s) is not None


def read_text(text: str, order: Order) -> tuple[Reading, bool]:
    """The reading of one cell's text, reading numeric day-month dates in ``order``, and
    whether the order mattered. Raises :class:`Refused` (with ``consulted``) otherwise."""
    original = " ".join(text.split())
    try:
        when = parse_when(original)
    except DateError:
        pass
    else:
        return Reading(when.text), False
    ctx = _Context(original, order)
    s = fold(original)
    try:
        result = _whole(s, ctx)
    except Refused as exc:
        exc.consulted = exc.consulted or ctx.consulted
        vague = _VAGUE.search(s)
        if vague is not None and not ctx.consulted:
            raise _vague(original, s, vague.group(0)) from None
        raise
    return Reading(result, tuple(dict.fromkeys(ctx.why))), ctx.consulted


def _whole(s: str, ctx: _Context) -> str:
    m = re.fullmatch(rf"(?:{_SINCE_WORDS}) (.+)", s) or re.fullmatch(
        rf"(.+?) ?(?:–|-|to|until|till|jusqu'a|bis|إلى|الى|حتى)? ?(?:{_PRESENT_WORDS})", s
    )
    if m is not None:
        return _single(m.group(1), ctx).text(ctx.original) + "/.."
    if re.fullmatch(r".+? ?[–-]", s):
        head = s.rstrip("–- ")
        raise ctx.refuse(
            f"'{ctx.original}' ends with a dash and nothing after it",
            f"write {_try(head, ctx)}/.. if it is still going on, or {_try(head, ctx)}/ if "
            "its end is unknown",
        )
    if re.match(r"(between|entre|zwischen|بين) ", s):
        raise _vague(ctx.original, s, "between")
    try:
        return _single(s, ctx).text(ctx.original)
    except Refused as single_error:
        found = _ranges(s, ctx, strong=True) or _ranges(s, ctx, strong=False)
        if not found:
            raise single_error from None
        if len(found) > 1:
            raise ctx.refuse(
                f"'{ctx.original}' can be read as {' or as '.join(sorted(found))}",
                "write the period as START/END in full",
            ) from None
        return found.pop()


def _try(s: str, ctx: _Context) -> str:
    """Our notation for ``s`` if it reads, for a hint; else ``START``."""
    try:
        return _single(s, ctx).text(ctx.original)
    except Refused:
        return "START"


_STRONG_SEP = re.compile(rf" ?– ?| - | (?:{_RANGE_WORDS}) ")
_WEAK_SEP = re.compile(r"-")


def _ranges(s: str, ctx: _Context, *, strong: bool) -> set[str]:
    """Every reading of ``s`` as ``START SEP END`` over the possible separators."""
    s = re.sub(rf"^(?:{_FROM_WORDS}) ", "", s)
    out: set[str] = set()
    last: Refused | None = None
    for sep in (_STRONG_SEP if strong else _WEAK_SEP).finditer(s):
        left, right = s[: sep.start()].strip(), s[sep.end() :].strip()
        if not left or not right:
            continue
        try:
            out.add(_period(left, right, ctx))
        except Refused as exc:
            last = exc
    if not out and last is not None and strong:
        raise last
    return out


def _period(left: str, right: str, ctx: _Context) -> str:
    start = _single(left, ctx, partial=True)
    try:
        end = _single(right, ctx)
    except Refused:
        # April 15 – 20, 2023: the end gives only its day and the year.
        m = re.fullmatch(r"(\d{1,2}),? (\d{4})", right)
        if m is None or start.month is None or start.day is None or start.year is not None:
            raise
        end = _Parts(int(m[2]), start.month, int(m[1]))
    inherited = start.year is None
    if start.year is None:
        if end.year is None:
            raise ctx.refuse(f"'{ctx.original}' has no year")
        if start.month is None:
            if end.day is None or start.day is None:
                raise ctx.refuse(f"'{ctx.original}': the start of the period is not a date")
            start.month = end.month
        start.year = end.year
    first, last = start.text(ctx.original), end.text(ctx.original)
    _, problem, _ = check_when(first, last)
    if problem is not None:
        hint = "write the year of both ends" if inherited else None
        raise ctx.refuse(f"'{ctx.original}': {problem.message}", hint)
    return f"{first}/{last}"


def _single(s: str, ctx: _Context, *, partial: bool = False) -> _Parts:
    """One date (``partial``: possibly without its year, or only a day, as the start of a
    period)."""
    s, approximate, uncertain = _qualifiers(s.strip(" ,"))
    parts = _with_time(s, ctx, partial)
    parts.approximate = parts.approximate or approximate
    parts.uncertain = parts.uncertain or uncertain
    if parts.year is None and not partial:
        raise ctx.refuse(f"'{ctx.original}' has no year", "write the year with four digits")
    return parts


def _qualifiers(s: str) -> tuple[str, bool, bool]:
    approximate = uncertain = False
    while True:
        m = re.match(rf"(?:~\s*|{_APPROX_ABBR}|(?:{_APPROX_WORDS}) )", s)
        if m:
            approximate, s = True, s[m.end() :]
            continue
        m = re.match(rf"(?:{_UNCERTAIN_WORDS}),? ", s)
        if m:
            uncertain, s = True, s[m.end() :]
            continue
        m = re.search(r"(?: ?\(\?\)| ?\[\?\]|\?)$", s)
        if m:
            uncertain, s = True, s[: m.start()]
            continue
        m = re.search(rf"(?: ?~| ?%| (?:{_APPROX_SUFFIX}))$", s)
        if m:
            if m.group(0).strip() == "%":
                uncertain = True
            approximate, s = True, s[: m.start()]
            continue
        return s.strip(" ,"), approximate, uncertain


def _with_time(s: str, ctx: _Context, partial: bool) -> _Parts:
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


def _hour(hour: int, ampm: str | None, ctx: _Context) -> int:
    if ampm is None:
        return hour
    if not 1 <= hour <= 12:
        raise ctx.refuse(f"'{ctx.original}': {hour} {ampm} is not a time")
    return hour % 12 + (12 if ampm.startswith("p") else 0)


def _date_only(s: str, ctx: _Context, partial: bool) -> _Parts:
    numeric = _numeric(s, ctx, partial)
    if numeric is not None:
        return numeric
    return _named(s, ctx, partial)


def _numeric(s: str, ctx: _Context, partial: bool) -> _Parts | None:
    """Dates written in numbers only, or None when ``s`` is not one."""
    if m := re.fullmatch(r"(\d{4})", s):
        return _Parts(int(m[1]))
    if m := re.fullmatch(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", s):
        return _Parts(int(m[1]), int(m[3]), int(m[4]))
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", s):
        return _Parts(int(m[1]), int(m[2]))
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
        return _Parts(int(m[2]), int(m[1]))
    if partial and (m := re.fullmatch(r"(\d{1,2})\.?", s)):
        return _Parts(day=int(m[1]))
    if partial and (m := re.fullmatch(r"(\d{1,2})([/.])(\d{1,2})\.?", s)):
        return _day_month(int(m[1]), int(m[3]), None, ctx)
    if m := re.fullmatch(r"(\d{5})(?:[.,](\d+))?", s):
        ctx.why.append(SERIAL)
        whole = excel_serial(float(f"{m[1]}.{m[2] or 0}"))
        return _from_text(whole)
    return None


def _month_or_years(year: int, digits: str, ctx: _Context) -> Refused:
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


def _from_text(text: str) -> _Parts:
    d = parse_date(text)
    parts = _Parts(d.year, d.month, d.day)
    if d.has_time:
        parts.hour, parts.minute = d.hour, d.minute
        parts.second = d.second if text.count(":") == 2 else None
    return parts


def _day_month(a: int, b: int, year: int | None, ctx: _Context) -> _Parts:
    if a != b:
        ctx.consulted = True
        ctx.why.append(ctx.order.value)
    day, month = (a, b) if ctx.order is Order.DAY_FIRST else (b, a)
    if not 1 <= month <= 12:
        raise ctx.refuse(
            f"'{ctx.original}' is not a {ctx.order.value} date: month {month} does not exist"
        )
    return _Parts(year, month, day)


def _named(s: str, ctx: _Context, partial: bool) -> _Parts:
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


def _tokens(s: str, ctx: _Context) -> list[tuple[str, str]]:
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


def _shape(kinds: str, values: list[int], ctx: _Context, partial: bool) -> _Parts:
    if kinds in _SHAPES:
        y, at_month, at_day = _SHAPES[kinds]
        return _Parts(
            values[y],
            values[at_month] if at_month is not None else None,
            values[at_day] if at_day is not None else None,
        )
    if partial and kinds in _PARTIAL_SHAPES:
        at_month, at_day = _PARTIAL_SHAPES[kinds]
        return _Parts(None, values[at_month], values[at_day])
    if partial and kinds == "M":
        return _Parts(None, values[0])
    if partial and kinds in ("D", "d"):
        return _Parts(day=values[0])
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


def _vague(original: str, s: str, word: str) -> Refused:
    years = re.findall(r"\d{4}", s)
    year = years[0] if years else "2019"
    if word == "between" or word in ("entre", "zwischen", "بين", "arasi", "arasinda"):
        return Refused(
            f"'{original}': our dates cannot say 'between'",
            f"write {year}~ if the date is approximate, or START/END if it lasted that long",
        )
    if re.fullmatch(r"\d0'?s|\d0er|decade|annees", word):
        decade = re.search(r"\d{3}0", s)
        first = decade[0] if decade else "1990"
        return Refused(
            f"'{original}': our dates cannot say 'some time in a decade'",
            f"write {first}/{int(first) + 9} only if it lasted the decade; otherwise the year, "
            f"with ~ if it is approximate ({int(first) + 5}~)",
        )
    written = re.search(re.escape(word), original, re.IGNORECASE)
    word = written.group(0) if written else word
    return Refused(
        f"'{original}': our dates cannot say '{word}' exactly",
        f"write {year} (some time in {year}), or the month if you know it ({year}-02), and "
        f"say '{word}' in the summary",
    )
