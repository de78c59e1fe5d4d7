"""Dates written the way people write them, read so a message can say what to write instead.

A file's dates are EDTF (``2023-04-13``); people write ``13 April 2023``, ``April 13, 2023``,
``13/04/2023``, ``2023-4-13``, ``c. 2019`` or ``1–3 May 2023``. When a value that is not a
date reads unambiguously as one of these, :func:`reading` says what we read and the EDTF
text that means it, so the message can say "we read 13 April 2023; write from: 2023-04-13".
It never guesses: ``04/05/2023`` (4 May or 5 April?) is reported as ambiguous, with both.

Month names are read in every supported locale (CLDR's wide and abbreviated names; a test
checks them against Babel), without accents and in any case, so ``13 fevrier 2023`` reads.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass

from timeline.dates import DateError, EndKind, parse_when

__all__ = ["MONTH_NAMES", "Reading", "reading"]

#: Each month's names in en, fr, de, tr and ar: CLDR's wide and abbreviated forms, and "Sept".
MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("January", "Jan", "janvier", "janv", "Januar", "Ocak", "Oca", "يناير"),
    ("February", "Feb", "février", "févr", "Februar", "Şubat", "Şub", "فبراير"),
    ("March", "Mar", "mars", "März", "Mär", "Mart", "مارس"),
    ("April", "Apr", "avril", "avr", "Nisan", "Nis", "أبريل"),
    ("May", "mai", "Mayıs", "مايو"),
    ("June", "Jun", "juin", "Juni", "Haziran", "Haz", "يونيو"),
    ("July", "Jul", "juillet", "juil", "Juli", "Temmuz", "Tem", "يوليو"),
    ("August", "Aug", "août", "Ağustos", "Ağu", "أغسطس"),
    ("September", "Sep", "Sept", "septembre", "Eylül", "Eyl", "سبتمبر"),
    ("October", "Oct", "octobre", "Oktober", "Okt", "Ekim", "Eki", "أكتوبر"),
    ("November", "Nov", "novembre", "Kasım", "Kas", "نوفمبر"),
    ("December", "Dec", "décembre", "déc", "Dezember", "Dez", "Aralık", "Ara", "ديسمبر"),
)

_WEEKDAY_NAMES = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs"
    "|fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag"
    "|mittwoch|donnerstag|freitag|samstag|sonntag"
)


def _fold(text: str) -> str:
    """Lowercase, without accents or a trailing full stop: how month names are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).rstrip(".")


_MONTHS = {_fold(name): i for i, names in enumerate(MONTH_NAMES, 1) for name in names}


@dataclass(frozen=True, slots=True)
class Reading:
    """What a value written the way people write dates means.

    ``text`` is the EDTF to write instead (None when the value is ambiguous), ``said`` the
    reading in words, ``message`` what is wrong, and ``choices`` the EDTF texts an
    ambiguous value could mean.
    """

    message: str
    said: str | None = None
    text: str | None = None
    choices: tuple[str, ...] = ()

    def hint(self, key: str) -> str:
        """What to write, as ``key: value`` (``key`` is ``from:``, ``date:`` or ``--from``)."""
        if self.text is not None:
            return f"we read {self.said}; write {key} {self.text}"
        if self.choices:
            return "write " + ", or ".join(f"{key} {c} for {_said(c)}" for c in self.choices)
        return f"write {key} {self.said}"


def reading(text: str, *, periods: bool = True) -> Reading | None:
    """How ``text``, which is not a date of the format, reads as a date people write; None
    when it does not read as one (then the format's own message stands). Without
    ``periods`` (a key that takes one date), a value that reads as a period is not offered.
    """
    value = " ".join(text.split())
    if not value or len(value) > 60:
        return None
    found = _ambiguous(value) or _season(value) or _yearless(value)
    if found is not None:
        return found if periods or all("/" not in c for c in found.choices) else None
    edtf = _period(value) or _date(value)
    if edtf is None or edtf == text or (not periods and "/" in edtf):
        return None
    try:
        parse_when(edtf)
    except DateError:
        return None
    if re.fullmatch(r"[0-9]{4}(-[0-9]{1,2}){1,2}", value):
        message = f"'{text}' needs two digits for the month and the day"
    elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2} .+", value):
        message = f"'{text}' separates the time with a space"
    elif "/" in edtf:
        message = f"'{text}' is not a period as the format writes them (start/end)"
    else:
        message = f"'{text}' is not a date as the format writes them (YYYY-MM-DD)"
    return Reading(message, _said(edtf), edtf)


def _yearless(value: str) -> Reading | None:
    """``13 April``: a day and month without the year."""
    m = re.fullmatch(rf"{_DAY}[\s./-]*{_NAME}|{_NAME}[\s./-]*{_DAY}", value)
    if not m:
        return None
    day, name = (m[1], m[2]) if m[1] else (m[4], m[3])
    month = _month(name)
    if month is None or not 1 <= int(day) <= 31:
        return None
    return Reading(f"'{value}' has no year", said=f"YYYY-{month:02d}-{int(day):02d}")


# -- periods -----------------------------------------------------------------------------

_SPLIT = re.compile(r"\s*(?:–|—|\s-\s|\bto\b|\buntil\b|\bthrough\b|\bau\b|\bbis\b)\s*", re.I)
_SINCE = re.compile(r"(?:since|depuis|seit|from|ab|à partir de)\s+(.+)", re.I)
_ONGOING = re.compile(r"(.+?)\s*(?:[-–—]\s*(?:present|today|now|)|/\s*(?:present|today|now))", re.I)


def _period(value: str) -> str | None:
    """``1–3 May 2023``, ``2016-07 to 2016-12-22``, ``since 2015``, ``2015–present``."""
    m = re.fullmatch(r"([0-9]{4})\s*[-–—]\s*([0-9]{4})", value)
    if m:
        return f"{m[1]}/{m[2]}"
    m = _SINCE.fullmatch(value)
    if m:
        start = _date(m[1])
        return f"{start}/.." if start else None
    m = _ONGOING.fullmatch(value)
    if m and not re.fullmatch(r"[0-9]{4}-[0-9]{1,2}", value):
        start = _date(m[1])
        return f"{start}/.." if start else None
    parts = _SPLIT.split(value)
    if len(parts) != 2 or not all(parts):
        return None
    head, tail = parts
    end = _date(tail)
    if end is None:
        return None
    start = _date(head)
    if start is None:
        # "1–3 May 2023", "April – June 2023": the start borrows what the end says.
        words = tail.split()
        for borrowed in (words[-1:], words[-2:]):
            start = _date(" ".join([head, *borrowed]))
            if start is not None:
                break
    if start is None:
        return None
    return f"{start}/{end}"


# -- single dates ------------------------------------------------------------------------

_DAY = r"([0-9]{1,2})(?:st|nd|rd|th|er|\.)?"
_YEAR = r"([0-9]{4})"
_NAME = r"([^\W\d_]+\.?)"
_ABOUT = re.compile(
    r"(?:c\.|ca\.?|circa|about|around|approx\.?|approximately|vers|environ|etwa|yaklaşık|حوالي)"
    r"\s*(.+)|~\s*(.+)|(.+?)\s*\(?(?:circa|ca\.|approx\.|environ)\)?",
    re.I,
)
_UNSURE = re.compile(r"(.+?)\s*\(\?\)|(.+?)\s+\?|(.+?)\s*\(uncertain\)", re.I)
_DAY_MONTH_YEAR = re.compile(rf"{_DAY}[\s./-]*{_NAME}[\s,./-]*{_YEAR}")
_MONTH_DAY_YEAR = re.compile(rf"{_NAME}[\s./-]*{_DAY},?[\s./-]+{_YEAR}")
_MONTH_YEAR = re.compile(rf"{_NAME}[\s,./-]*{_YEAR}|{_YEAR}[\s./-]*{_NAME}")
_NUMERIC = re.compile(r"([0-9]{4})[-/. ]([0-9]{1,2})(?:[-/. ]([0-9]{1,2}))?")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_DAY_FIRST = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")
_TIME = re.compile(r"(.+?)[T ]([0-9]{1,2})[:h.]([0-9]{2})(?::([0-9]{2}))?(Z|[+-][0-9:]{2,5})?")
_EDGE = re.compile(r"(?:early|mid|late|début|mi|fin|anfang|mitte|ende)[\s-]+(.+)", re.I)
_WEEKDAY = re.compile(rf"(?:{_WEEKDAY_NAMES})\.?,?\s+(.+)", re.I)


def _month(name: str) -> int | None:
    return _MONTHS.get(_fold(name))


def _ymd(year: str, month: int | None, day: str | int | None = None) -> str | None:
    if month is None or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    d = int(day)
    if not 1 <= d <= calendar.monthrange(int(year), month)[1]:
        return None
    return f"{year}-{month:02d}-{d:02d}"


def _date(value: str) -> str | None:
    """The EDTF of one date people write, or None."""
    value = value.strip().strip(",")
    if re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?", value):
        return value
    for pattern, mark in ((_ABOUT, "~"), (_UNSURE, "?")):
        m = pattern.fullmatch(value)
        if m:
            inner = _date(next(g for g in m.groups() if g))
            return _qualified(inner, mark) if inner else None
    m = _WEEKDAY.fullmatch(value) or _EDGE.fullmatch(value)
    if m:
        return _date(m[1])
    m = _TIME.fullmatch(value)
    if m and (day := _date(m[1])) is not None and len(day) == 10:
        clock = f"{int(m[2]):02d}:{m[3]}" + (f":{m[4]}" if m[4] else "")
        return f"{day}T{clock}{m[5] or ''}"
    return _day_forms(value)


def _day_forms(value: str) -> str | None:
    m = _DAY_MONTH_YEAR.fullmatch(value)
    if m:
        return _ymd(m[3], _month(m[2]), m[1])
    m = _MONTH_DAY_YEAR.fullmatch(value)
    if m:
        return _ymd(m[3], _month(m[1]), m[2])
    m = _MONTH_YEAR.fullmatch(value)
    if m:
        return _ymd(m[2], _month(m[1])) if m[1] else _ymd(m[3], _month(m[4]))
    m = _NUMERIC.fullmatch(value) or _COMPACT.fullmatch(value)
    if m:
        return _ymd(m[1], int(m[2]), m[3])
    m = _DAY_FIRST.fullmatch(value)
    if m:
        a, b = int(m[1]), int(m[2])
        if a == b or b > 12:  # 04/04/2023; 04/13/2023 can only be month first
            return _ymd(m[3], a, b)
        if a > 12:
            return _ymd(m[3], b, a)
    return None


def _qualified(edtf: str, mark: str) -> str:
    if edtf[-1] in "~?%":
        return edtf[:-1] + "%" if edtf[-1] != mark else edtf
    return edtf + mark


def _ambiguous(value: str) -> Reading | None:
    """``04/05/2023``: day first or month first? Say both; never guess."""
    m = _DAY_FIRST.fullmatch(value)
    if not m:
        return None
    a, b = int(m[1]), int(m[2])
    if a == b or a > 12 or b > 12:
        return None
    one, two = _ymd(m[3], b, a), _ymd(m[3], a, b)
    if one is None or two is None:
        return None
    return Reading(
        f"'{value}' could be {_said(one)} (day first) or {_said(two)} (month first)",
        choices=(one, two),
    )


def _season(value: str) -> Reading | None:
    """``2011/12``: December 2011, or 2011 to 2012 as in "the 2011/12 season"?"""
    m = re.fullmatch(r"([0-9]{4})/([0-9]{1,2})", value)
    if not m or not 1 <= int(m[2]) <= 12 or int(m[2]) <= int(m[1]) % 100:
        return None
    month = f"{m[1]}-{int(m[2]):02d}"
    period = f"{m[1]}/{int(m[1]) + 1:04d}"
    if int(m[2]) != (int(m[1]) + 1) % 100:
        return None
    return Reading(f"'{value}' could be {_said(month)} or {_said(period)}", choices=(month, period))


def _said(edtf: str) -> str:
    """An EDTF date or period in English words: ``13 April 2023``, ``since 2015``."""
    when = parse_when(edtf)
    start = _words(edtf.split("/")[0])
    if when.end_kind is EndKind.ONGOING:
        return f"since {start}"
    if when.end is None:
        return start
    return f"{start} to {_words(edtf.split('/')[1])}"


def _words(edtf: str) -> str:
    qual = edtf[-1] if edtf[-1] in "~?%" else ""
    core = edtf.rstrip("~?%")
    day, _, clock = core.partition("T")
    parts = [int(p) for p in day.split("-")]
    text = str(parts[0])
    if len(parts) > 1:
        text = f"{calendar.month_name[parts[1]]} {text}"
    if len(parts) > 2:
        text = f"{parts[2]} {text}"
    if clock:
        text += f", {clock}"
    if qual in "~%" and qual:
        text = f"about {text}"
    if qual in "?%" and qual:
        text += " (uncertain)"
    return text
