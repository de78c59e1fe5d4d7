"""Calendar data of each locale: month and weekday names and date patterns, from CLDR.

Every locale's names and patterns are CLDR's, read through Babel. pendulum has no Arabic, and
taking every locale from one source keeps the languages consistent with each other. Babel is
imported only when a locale other than English is asked for: English (CLDR ``en_GB``, day
before month, as international news agencies write dates) is built in, so ``timeline show``
and ``timeline validate`` never pay for loading Babel's data.

Patterns are CLDR date patterns (``d MMMM y``); :func:`compile_pattern` turns one into a
``str.format`` template once, because formatting through ``babel.dates`` costs a few
microseconds per call and a 10,000-event chronology needs tens of thousands of phrases.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["LocaleData", "compile_pattern", "locale_data", "tokenize"]

#: Fields a pattern may use, mapped to the ``str.format`` field that fills them.
_FIELDS = {
    ("y", 1): "{y}",
    ("y", 4): "{y:04d}",
    ("M", 4): "{month}",
    ("M", 3): "{month_short}",
    ("L", 4): "{month_alone}",
    ("L", 3): "{month_short_alone}",
    ("d", 1): "{d}",
    ("d", 2): "{dd}",
    ("E", 4): "{weekday}",
    ("c", 4): "{weekday}",
    ("H", 1): "{H}",
    ("H", 2): "{H:02d}",
    ("m", 2): "{m:02d}",
    ("s", 2): "{s:02d}",
}


def tokenize(pattern: str) -> list[tuple[str, str | tuple[str, int]]]:
    """Split a CLDR date pattern into ``("chars", text)`` and ``("field", (letter, count))``.

    Letters are fields, text between single quotes is literal, and ``''`` is a quote.
    """
    out: list[tuple[str, str | tuple[str, int]]] = []
    chars: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "'":
            if i + 1 < n and pattern[i + 1] == "'":
                chars.append("'")
                i += 2
                continue
            end = pattern.find("'", i + 1)
            while end != -1 and end + 1 < n and pattern[end + 1] == "'":
                end = pattern.find("'", end + 2)
            end = n if end == -1 else end
            chars.append(pattern[i + 1 : end].replace("''", "'"))
            i = end + 1
        elif ch.isascii() and ch.isalpha():
            j = i
            while j < n and pattern[j] == ch:
                j += 1
            if chars:
                out.append(("chars", "".join(chars)))
                chars = []
            out.append(("field", (ch, j - i)))
            i = j
        else:
            chars.append(ch)
            i += 1
    if chars:
        out.append(("chars", "".join(chars)))
    return out


def compile_pattern(pattern: str) -> str:
    """A CLDR date pattern as a ``str.format`` template over the fields in ``_FIELDS``."""
    parts = []
    for kind, value in tokenize(pattern):
        if kind == "chars":
            assert isinstance(value, str)
            parts.append(value.replace("{", "{{").replace("}", "}}"))
            continue
        assert isinstance(value, tuple)
        try:
            parts.append(_FIELDS[value])
        except KeyError:
            raise ValueError(f"unsupported field {value[0] * value[1]!r} in {pattern!r}") from None
    return "".join(parts)


def _keep(pattern: str, letters: str) -> str:
    """A template keeping only the fields in ``letters``: ``EEEE, d. MMMM y`` -> ``{weekday},
    {d}.`` for ``"Ed"``. Literals between kept fields stay (runs of spaces become one); at
    the ends, spaces and a dangling comma go."""
    tokens: list[tuple[str, str]] = []
    for _, value in tokenize(pattern):
        if isinstance(value, tuple):
            if value[0] in letters:
                tokens.append(("field", value[0] * value[1]))
        elif tokens and tokens[-1][0] == "chars":
            tokens[-1] = ("chars", tokens[-1][1] + value)
        else:
            tokens.append(("chars", value))
    out = []
    for i, (kind, value) in enumerate(tokens):
        if kind == "field":
            out.append(value)
            continue
        if i in (0, len(tokens) - 1):
            value = value.strip().strip(",،").strip()
        else:
            value = re.sub(r"(\s)\s+", r"\1", value)
        if value:
            out.append("'" + value.replace("'", "''") + "'")
    return compile_pattern("".join(out))


@dataclass(frozen=True, slots=True)
class LocaleData:
    """One locale's names (index 1-12 for months, 0 = Monday for weekdays) and templates."""

    code: str
    rtl: bool
    #: How the first day of a month is written when it differs from "1" (French "1er").
    first_day: str
    months: tuple[str, ...]
    months_short: tuple[str, ...]
    months_alone: tuple[str, ...]
    months_short_alone: tuple[str, ...]
    weekdays: tuple[str, ...]
    year: str
    month: str
    month_short: str
    day: str
    day_short: str
    weekday_day: str
    day_month: str
    day_month_short: str
    day_alone: str
    #: The start of a period with weekdays, without what the end repeats; None when the
    #: weekday comes after the year (Turkish), where no shorter form reads naturally.
    weekday_day_alone: str | None
    weekday_day_month: str | None
    time: str
    time_seconds: str
    #: How a date and a time join: a template over ``{date}`` and ``{time}``.
    date_time: str


#: French writes the first of the month as an ordinal ("1er janvier"); CLDR does not.
FIRST_DAY = {"fr": "1er"}


def _make(code: str, rtl: bool, names: dict[str, tuple[str, ...]], p: dict[str, str]) -> LocaleData:
    # CLDR's glue says where the time ({0}) and the date ({1}) go, with quoted literals.
    glue = "".join(v for k, v in tokenize(p["glue"]) if k == "chars" and isinstance(v, str))
    fields = [v for _, v in tokenize(p["weekday_day"]) if isinstance(v, tuple)]
    ends_in_year = bool(fields) and fields[-1][0] == "y"
    return LocaleData(
        code=code,
        rtl=rtl,
        first_day=FIRST_DAY.get(code, "1"),
        months=names["months"],
        months_short=names["months_short"],
        months_alone=names["months_alone"],
        months_short_alone=names["months_short_alone"],
        weekdays=names["weekdays"],
        year=compile_pattern(p["year"]),
        month=compile_pattern(p["month"]),
        month_short=compile_pattern(p["month_short"]),
        day=compile_pattern(p["day"]),
        day_short=compile_pattern(p["day_short"]),
        weekday_day=compile_pattern(p["weekday_day"]),
        day_month=compile_pattern(p["day_month"]),
        day_month_short=compile_pattern(p["day_month_short"]),
        day_alone=_keep(p["day_month"], "d"),
        weekday_day_alone=_keep(p["weekday_day"], "dEc") if ends_in_year else None,
        weekday_day_month=_keep(p["weekday_day"], "dEcML") if ends_in_year else None,
        time=compile_pattern(p["time"]),
        time_seconds=compile_pattern(p["time_seconds"]),
        date_time=glue.replace("{1}", "{date}").replace("{0}", "{time}"),
    )


_EN_MONTHS = (
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
_EN_MONTHS_SHORT = ("", *(m[:3] for m in _EN_MONTHS[1:]))
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: CLDR ``en_GB`` patterns, with two house choices: no comma after the weekday ("Friday 29
#: November 2024", as newspapers write it) and three-letter month abbreviations ("Sep", not
#: CLDR's "Sept"), which keep ``timeline show`` columns aligned.
EN_PATTERNS = {
    "year": "y",
    "month": "MMMM y",
    "month_short": "MMM y",
    "day": "d MMMM y",
    "day_short": "d MMM y",
    "weekday_day": "EEEE d MMMM y",
    "day_month": "d MMMM",
    "day_month_short": "d MMM",
    "time": "HH:mm",
    "time_seconds": "HH:mm:ss",
    "glue": "{1}, {0}",
}

ENGLISH = _make(
    "en",
    False,
    {
        "months": _EN_MONTHS,
        "months_short": _EN_MONTHS_SHORT,
        "months_alone": _EN_MONTHS,
        "months_short_alone": _EN_MONTHS_SHORT,
        "weekdays": _EN_WEEKDAYS,
    },
    EN_PATTERNS,
)


def cldr_patterns(code: str) -> dict[str, str]:
    """The CLDR patterns of ``code`` for each phrase shape (imports Babel)."""
    from babel import Locale
    from babel.dates import match_skeleton

    loc = Locale.parse(code)
    skeletons = loc.datetime_skeletons

    def skeleton(name: str) -> str:
        key = name if name in skeletons else match_skeleton(name, skeletons.keys())
        if key is None:  # pragma: no cover - every CLDR locale has these skeletons
            raise ValueError(f"locale {code!r} has no pattern for {name!r}")
        return str(skeletons[key].pattern)

    return {
        "year": skeleton("y"),
        "month": skeleton("yMMMM"),
        "month_short": skeleton("yMMM"),
        "day": str(loc.date_formats["long"].pattern),
        "day_short": skeleton("yMMMd"),
        "weekday_day": str(loc.date_formats["full"].pattern),
        "day_month": skeleton("MMMMd"),
        "day_month_short": skeleton("MMMd"),
        "time": skeleton("Hm"),
        "time_seconds": skeleton("Hms"),
        "glue": str(loc.datetime_formats["medium"]),
    }


@functools.cache
def locale_data(code: str) -> LocaleData:
    """The calendar data of a supported locale (``en`` needs no Babel)."""
    if code == "en":
        return ENGLISH
    from babel import Locale

    loc = Locale.parse(code)

    def names(table: dict[int, str]) -> tuple[str, ...]:
        return ("", *(str(table[i]) for i in range(1, 13)))

    return _make(
        code,
        loc.text_direction == "rtl",
        {
            "months": names(loc.months["format"]["wide"]),
            "months_short": names(loc.months["format"]["abbreviated"]),
            "months_alone": names(loc.months["stand-alone"]["wide"]),
            "months_short_alone": names(loc.months["stand-alone"]["abbreviated"]),
            "weekdays": tuple(str(loc.days["format"]["wide"][i]) for i in range(7)),
        },
        cldr_patterns(code),
    )
