"""Month and weekday names as people type them in dates, in every supported locale, from
CLDR: what the spreadsheet importers read ``Dec 2023``, ``15. März 2023`` and ``نيسان 2023``
with.

The names come from Babel's CLDR data (wide and abbreviated, format and stand-alone forms)
for ``en``, ``fr``, ``de``, ``tr`` and ``ar``, and for the Arabic of the Levant and Iraq
(``كانون الثاني``, ``نيسان``...) and of the Maghreb (``جانفي``, ``غشت``...), which name the
months differently. Babel is imported on first use only.

Names are compared folded (:func:`fold`): case, accents, Turkish dotted and dotless i,
Arabic hamza forms and tatweel do not matter, so ``MÄRZ``, ``marz``, ``Kasim`` and ``ابريل``
are found. A name is kept only when every locale agrees on its month (none is dropped
today; a test checks). A word of three letters or more that starts the names of only one
month (``Sept``, ``Janv``, ``Okt``) is that month too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from timeline.spec import LOCALES

__all__ = ["MONTH_LOCALES", "fold", "month_named", "multiword_months", "weekday_named"]

#: Where month names are read from: the supported locales, and the Arabic variants that
#: name the months differently from CLDR's ``ar`` (Syria and Lebanon alike; Algeria,
#: Morocco).
MONTH_LOCALES = (*LOCALES, "ar_SY", "ar_DZ", "ar_MA")

_TATWEEL = "\u0640"


def fold(text: str) -> str:
    """``text`` as names are compared: compatibility forms unified (full-width digits,
    no-break spaces), invisible format characters (direction marks) removed, digits of any
    script as ASCII digits, lower case without accents, dotless i as i, Arabic hamza forms
    as a plain alef, dashes as ``–``, runs of spaces as one space."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in unicodedata.normalize("NFD", text.casefold()):
        if unicodedata.combining(ch) or ch == _TATWEEL:
            continue
        cat = unicodedata.category(ch)
        if cat == "Cf":
            continue
        if cat == "Nd":
            out.append(str(unicodedata.digit(ch)))
        elif (cat == "Pd" and ch != "-") or ch == "\u2212":
            out.append("–")
        elif ch == "ı":
            out.append("i")
        elif ch == "،":
            out.append(",")
        elif ch.isspace():
            out.append(" ")
        else:
            out.append(ch)
    return re.sub(" +", " ", "".join(out)).strip()


def _names(kind: str) -> dict[str, set[int]]:
    """Folded name (without a final dot) -> the months (1-12) or weekdays (0 = Monday) it
    names, over every locale."""
    from babel import Locale

    found: dict[str, set[int]] = {}
    for code in MONTH_LOCALES:
        table = getattr(Locale.parse(code), kind)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in table[context][width].items():
                    key = fold(name).rstrip(".")
                    found.setdefault(key, set()).add(number)
    return found


@cache
def _months() -> dict[str, int]:
    return {
        name: next(iter(months)) for name, months in _names("months").items() if len(months) == 1
    }


@cache
def _weekdays() -> dict[str, int]:
    months = _months()
    # A word that is also a month (French "mar." is Tuesday, English "Mar" is March) is
    # read as the month: a weekday is only ever checked, never needed.
    return {
        name: next(iter(days))
        for name, days in _names("days").items()
        if len(days) == 1 and name not in months
    }


@cache
def multiword_months() -> tuple[str, ...]:
    """The folded month names made of several words (``كانون الثاني``), longest first."""
    return tuple(sorted((n for n in _months() if " " in n), key=len, reverse=True))


def month_named(word: str) -> int | None:
    """The month (1-12) a folded word names, or None: a name, an abbreviation with or
    without its dot, or the start (three letters or more) of the names of only one month."""
    word = word.rstrip(".")
    months = _months()
    if word in months:
        return months[word]
    if len(word) < 3 or not word.isalpha():
        return None
    found = {m for name, m in months.items() if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def weekday_named(word: str) -> int | None:
    """The weekday (0 = Monday) a folded word names exactly, or None."""
    return _weekdays().get(word.rstrip(".").rstrip(","))
