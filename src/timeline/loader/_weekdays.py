"""Weekdays a text claims, checked against the calendar with few false alarms.

A weekday in a title is a claim about the event's date only when it names the day of the
event: "Clashes continue on Monday", "Friday: troops enter the city". It is not when it
names another day ("A general strike is called for Friday", "Protesters vow to march on
Friday", "talks to resume on Monday"), a named day ("Good Friday", "Friday prayers",
"Bloody Sunday") or a newspaper ("The Mail on Sunday"). A weekday written with its date
("Friday 14 April 2023", "Friday, April 14") is a claim wherever it is, in the title or
the summary, and is checked against that date. Only English weekday names are read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from timeline.dates import Date, Precision, When

__all__ = ["WEEKDAYS", "Contradiction", "contradictions"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b")


@functools.cache
def _dated() -> tuple[dict[str, int], re.Pattern[str]]:
    """Month numbers by lowercase name, and what may follow a weekday to give its date:
    "14 April 2023", "the 14th of April", "April 14". Made when a text first names a
    weekday (most never do)."""
    import calendar

    months = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
        name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
    }
    names = "|".join(sorted(months, key=len, reverse=True))
    pattern = re.compile(
        rf",?\s+(?:the\s+)?(?:(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{names})"
        rf"|(?P<month2>{names})\.?\s+(?P<day2>[0-9]{{1,2}})(?:st|nd|rd|th)?)"
        r"\.?(?:,?\s+(?P<year>[0-9]{4}))?\b",
        re.IGNORECASE,
    )
    return months, pattern


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words before a weekday that make it a named day, not a date.
_NAMED_BEFORE = _words(
    "good black bloody holy easter palm ash super cyber maundy shrove great orthodox"
)
#: Newspapers named "X on Sunday".
_ON_SUNDAY = _words("mail independent")
#: Words after a weekday that make it a named thing ("Friday prayers", "Sunday Times").
_NAMED_AFTER = _words(
    "prayer prayers sermon sermons mass market school schools times telegraph express mail "
    "herald post mirror observer people sport morning-after"
)
#: Words that, earlier in the same clause, make a weekday a day other than the event's:
#: a plan, a deadline, a call, a repetition.
_ELSEWHEN = _words(
    "for until till by before after from since next last this coming following every each "
    "to will would shall may might could plans plan planned planning scheduled schedules "
    "set due expected expects called calls call announces announced vows vowed vow promises "
    "promised threatens threatened deadline ultimatum postponed postpones delayed delays "
    "moved moves weekly weekend"
)
_CLAUSE_BREAK = re.compile(r"[,;:—–()\[\]\"“”]|\s-\s")


@dataclass(frozen=True, slots=True)
class Contradiction:
    """A weekday the text names, and what the calendar says."""

    said: str
    actual: str
    #: True when the text wrote the date beside the weekday ("Friday 14 April 2023").
    dated: bool


def contradictions(text: str, when: When, *, title: bool) -> list[Contradiction]:
    """The weekday claims of ``text`` that the calendar contradicts. Bare weekdays
    ("on Friday") count only in a ``title`` and only on a date known to the day, neither
    approximate nor uncertain."""
    # Every weekday's name ends in "day": most texts are ruled out without the pattern.
    if not text or "day" not in text or _WEEKDAY.search(text) is None:
        return []
    out: list[Contradiction] = []
    for m in _WEEKDAY.finditer(text):
        said = m["weekday"]
        dated = _dated()[1].match(text, m.end())
        if dated is not None:
            found = _dated_claim(said, dated, when)
            if found is not None:
                out.append(found)
            continue
        if title and _names_the_event_day(text, m.start(), m.end()):
            days = _days_of(when)
            if days is not None and WEEKDAYS.index(said) not in days:
                actual = ", ".join(WEEKDAYS[i] for i in sorted(days))
                out.append(Contradiction(said, actual, False))
    return out


def _dated_claim(said: str, m: re.Match[str], when: When) -> Contradiction | None:
    import calendar

    month = _dated()[0][(m["month"] or m["month2"]).lower()]
    day = int(m["day"] or m["day2"])
    year = int(m["year"]) if m["year"] else _year_of(when)
    if year is None:
        return None
    try:
        actual = WEEKDAYS[date(year, month, day).weekday()]
    except ValueError:  # "Friday 31 April": not a date at all; the reader will see it
        return None
    if actual == said:
        return None
    written = f"{said} {day} {calendar.month_name[month]}" + (f" {m['year']}" if m["year"] else "")
    return Contradiction(written, f"{day} {calendar.month_name[month]} {year} was a {actual}", True)


def _year_of(when: When) -> int | None:
    """The year a date written without one means: the event's, when it has only one."""
    last = when.end or when.start
    return when.start.year if last.year == when.start.year else None


def _names_the_event_day(text: str, start: int, end: int) -> bool:
    before = text[:start]
    words_before = re.findall(r"[\w'’-]+", before.lower())
    if text[end : end + 1] in ("'", "’"):  # "Friday's vote": often another day's
        return False
    after = re.match(r"\s*([\w-]+)?", text[end:])
    next_word = (after[1] or "").lower() if after else ""
    if words_before and words_before[-1] in _NAMED_BEFORE:
        return False
    if words_before[-2:-1] and words_before[-1] == "on" and words_before[-2] in _ON_SUNDAY:
        return False
    if next_word in _NAMED_AFTER:
        return False
    clause = _CLAUSE_BREAK.split(before)[-1].lower()
    clause_words = re.findall(r"[\w'’-]+", clause)
    if any(w in _ELSEWHEN for w in clause_words):
        return False
    # "on Friday", or the title opens with the weekday ("Friday: troops enter Aleppo").
    return (bool(clause_words) and clause_words[-1] == "on") or not before.strip()


def _days_of(when: When) -> set[int] | None:
    """Weekdays a date or short period known to the day covers; None when the day is
    not known, or the date is approximate or uncertain."""
    start = when.start
    end: Date | None = when.end
    if start.precision < Precision.DAY or start.qualified:
        return None
    if end is None:
        wd = start.weekday()
        return None if wd is None else {wd}
    if end.precision < Precision.DAY or end.qualified:
        return None
    first = date(*start.parts[:3])
    last = date(*end.parts[:3])
    span = (last - first).days
    if span >= 6:
        return set(range(7))
    return {(first.weekday() + i) % 7 for i in range(span + 1)}
