"""Dates written for people, in the chronology's language: "March 2011", "c. 2019",
"since 30 September 2015", "July – 22 December 2016", "vendredi 29 novembre 2024".

A phrase says exactly what the chronology knows: a year-precision date is written as a year,
an approximate one with "c.", an uncertain one with "?". Month and weekday names and the
order of day, month and year come from CLDR (see :mod:`timeline.i18n.locale`); the
words around them ("since", "c.") from :mod:`timeline.i18n.words`.

English needs no Babel, so commands that print English dates start fast.
"""

from __future__ import annotations

import functools

from timeline.dates import Date, EndKind, Precision, When
from timeline.i18n.locale import LocaleData, locale_data
from timeline.i18n.words import Around, elide, words

__all__ = [
    "Part",
    "around_parts",
    "around_phrase",
    "date_phrase",
    "month_phrase",
    "utc_offset",
    "when_parts",
    "when_phrase",
    "year_phrase",
]

#: A piece of a phrase: its text, and the date it writes (None for the words between dates).
Part = tuple[str, Date | None]

_DASH = " – "


def _form(d: Date) -> int:
    """Which of a phrase's (year, month, day) forms fits ``d``."""
    return min(int(d.precision), int(Precision.DAY)) - 1


def _fields(d: Date, data: LocaleData) -> dict[str, object]:
    weekday = d.weekday()
    year, month, day, hour, minute, second = d.parts
    return {
        "y": year,
        "month": data.months[month],
        "month_short": data.months_short[month],
        "month_alone": data.months_alone[month],
        "month_short_alone": data.months_short_alone[month],
        "d": data.first_day if day == 1 else str(day),
        "dd": f"{day:02d}",
        "weekday": data.weekdays[weekday] if weekday is not None else "",
        "H": hour,
        "m": minute,
        "s": second,
    }


def _core(d: Date, data: LocaleData, *, short: bool, weekday: bool) -> str:
    """The date without its qualifier. A weekday is named only on a date that is neither
    approximate nor uncertain: naming it would claim a certainty the date does not have."""
    p = d.precision
    f = _fields(d, data)
    if p == Precision.YEAR:
        return data.year.format(**f)
    if p == Precision.MONTH:
        return (data.month_short if short else data.month).format(**f)
    if weekday and not d.qualified:
        text = data.weekday_day.format(**f)
    else:
        text = (data.day_short if short else data.day).format(**f)
    if p >= Precision.MINUTE:
        clock = (data.time_seconds if p == Precision.SECOND else data.time).format(**f)
        text = data.date_time.format(date=text, time=clock)
        if d.offset is not None:
            text += f" ({utc_offset(d.offset)})"
    return text


def around_parts(
    around: Around, d: Date, *, short: bool = False, weekday: bool = False, locale: str = "en"
) -> tuple[Part, ...]:
    """``d`` inside a phrase ("since {}"), as pieces: the words before, the date, the words
    after. An approximate date takes the phrase's "about" form ("since c. 2015", "depuis
    2015 environ"); an uncertain one its mark ("since 2015?")."""
    core = _core(d, locale_data(locale), short=short, weekday=weekday)
    forms = around.about if d.approximate else around.plain
    template = elide(forms[_form(d)], core, locale)
    mark = words(locale).uncertain if d.uncertain else ""
    before, _, after = template.partition("{}")
    if "{?}" in after:
        after, mark = after.replace("{?}", mark), ""
    # A full stop never follows an uncertain date's mark: "As of c. 2015?", not "2015?.".
    if after.startswith(".") and mark:
        after = after[1:]
    elif after.endswith(("?.", "؟.")):
        after = after[:-1]
    return _drop_empty(((before, None), (core + mark, d), (after, None)))


def around_phrase(
    around: Around, d: Date, *, short: bool = False, weekday: bool = False, locale: str = "en"
) -> str:
    """:func:`around_parts` joined: "since c. 2015", "depuis le 30 septembre 2015 environ"."""
    parts = around_parts(around, d, short=short, weekday=weekday, locale=locale)
    return "".join(text for text, _ in parts)


def date_phrase(d: Date, *, short: bool = False, weekday: bool = False, locale: str = "en") -> str:
    """One date as words, with its qualifier: ``c. 2019``, ``2019?``, ``15 March 2011``.

    ``short`` abbreviates month names; ``weekday`` names the day of the week of a date
    whose day is known, unless the date is approximate or uncertain.
    """
    return around_phrase(words(locale).alone, d, short=short, weekday=weekday, locale=locale)


def utc_offset(minutes: int) -> str:
    """A UTC offset as people write it: ``UTC``, ``UTC+3``, ``UTC−5``, ``UTC+5:30``."""
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def when_phrase(w: When, *, short: bool = False, weekday: bool = False, locale: str = "en") -> str:
    """A date or period as words: ``July – 22 December 2016``, ``since 30 September 2015``,
    ``from 2011``."""
    return "".join(text for text, _ in when_parts(w, short=short, weekday=weekday, locale=locale))


@functools.lru_cache(maxsize=1 << 16)
def when_parts(
    w: When, *, short: bool = False, weekday: bool = False, locale: str = "en"
) -> tuple[Part, ...]:
    """A date or period as pieces, so an HTML page can mark each date up with ``<time>``.

    Joining the texts gives :func:`when_phrase`.
    """
    if w.end_kind in (EndKind.ONGOING, EndKind.UNKNOWN):
        table = words(locale)
        around = table.since if w.end_kind is EndKind.ONGOING else table.from_
        return around_parts(around, w.start, short=short, weekday=weekday, locale=locale)
    start = date_phrase(w.start, short=short, weekday=weekday, locale=locale)
    if w.end_kind is EndKind.POINT:
        return ((start, w.start),)
    assert w.end is not None
    end = date_phrase(w.end, short=short, weekday=weekday, locale=locale)
    start = _shorten_start(w.start, w.end, start, short=short, weekday=weekday, locale=locale)
    return ((start, w.start), (_DASH, None), (end, w.end))


def _drop_empty(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    return tuple(p for p in parts if p[0])


def _shorten_start(
    start: Date, end: Date, text: str, *, short: bool, weekday: bool, locale: str
) -> str:
    """Drop the parts of the start the end repeats: "July – 22 December 2016",
    "Wednesday 27 – Friday 29 November 2024". Never when either date is approximate or
    uncertain ("22 April 2023 – c. 30 April 2023"): its qualifier must not seem to cover
    the other."""
    plain = not (start.qualified or end.qualified or start.has_time or end.has_time)
    data = locale_data(locale)
    if weekday and start.precision >= Precision.DAY and data.weekday_day_alone is None:
        return text
    if not plain or start.year != end.year or Precision.YEAR in (start.precision, end.precision):
        return text
    f = _fields(start, data)
    if start.precision == Precision.MONTH:
        return str(f["month_short_alone" if short else "month_alone"])
    if start.month == end.month and end.precision >= Precision.DAY:
        alone = data.weekday_day_alone if weekday and data.weekday_day_alone else data.day_alone
        return alone.format(**f)
    if weekday and data.weekday_day_month is not None:
        return data.weekday_day_month.format(**f)
    return (data.day_month_short if short else data.day_month).format(**f)


def month_phrase(year: int, month: int, *, locale: str = "en") -> str:
    """A month of a year, as a heading: ``March 2011``, ``mars 2011``."""
    data = locale_data(locale)
    return data.month.format(**_fields(Date(year, month, precision=Precision.MONTH), data))


def year_phrase(year: int, *, locale: str = "en") -> str:
    """A year, as a heading."""
    data = locale_data(locale)
    return data.year.format(y=year)
