"""Dates as people type them into spreadsheet cells, read into our notation.

Every reading that is certain, and none that is a guess. :func:`read_text` reads one cell
for a given order of day and month, and says whether that order mattered; deciding the
order for a whole column is :mod:`._date_cells`' job; the forms of one date are
:mod:`._date_forms`', the qualifiers, ranges and refusals around them this module's. Read:

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

import re

from timeline.dates import DateError, parse_when
from timeline.formats._date_forms import (
    SERIAL,
    Context,
    Order,
    Parts,
    Reading,
    Refused,
    excel_serial,
    one_date,
)
from timeline.formats._draft import check_when
from timeline.i18n.names import fold

__all__ = ["SERIAL", "Order", "Reading", "Refused", "excel_serial", "is_present", "read_text"]

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
#: Words that say something our dates cannot say exactly; each is refused with advice.
_VAGUE = re.compile(
    r"\b(early|mid|middle|late|beginning|start|end|spring|summer|autumn|fall|winter"
    r"|q[1-4]|h[12]|half|quarter|decade|between|debut|fin|printemps|ete|automne|hiver"
    r"|annees|entre|anfang|mitte|ende|fruhling|fruhjahr|sommer|herbst|zwischen|basi|basinda"
    r"|ortasi|ortalarinda|sonu|sonunda|ilkbahar|yaz|sonbahar|kis|arasi|arasinda|اوائل|منتصف"
    r"|اواخر|بداية|نهاية|ربيع|صيف|خريف|شتاء|بين)\b|\d0'?s\b|\d0er\b"
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
    ctx = Context(original, order)
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


def _whole(s: str, ctx: Context) -> str:
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


def _try(s: str, ctx: Context) -> str:
    """Our notation for ``s`` if it reads, for a hint; else ``START``."""
    try:
        return _single(s, ctx).text(ctx.original)
    except Refused:
        return "START"


_STRONG_SEP = re.compile(rf" ?– ?| - | (?:{_RANGE_WORDS}) ")
_WEAK_SEP = re.compile(r"-")


def _ranges(s: str, ctx: Context, *, strong: bool) -> set[str]:
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


def _period(left: str, right: str, ctx: Context) -> str:
    start = _single(left, ctx, partial=True)
    try:
        end = _single(right, ctx)
    except Refused:
        # April 15 – 20, 2023: the end gives only its day and the year.
        m = re.fullmatch(r"(\d{1,2}),? (\d{4})", right)
        if m is None or start.month is None or start.day is None or start.year is not None:
            raise
        end = Parts(int(m[2]), start.month, int(m[1]))
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


def _single(s: str, ctx: Context, *, partial: bool = False) -> Parts:
    """One date (``partial``: possibly without its year, or only a day, as the start of a
    period)."""
    s, approximate, uncertain = _qualifiers(s.strip(" ,"))
    parts = one_date(s, ctx, partial)
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
