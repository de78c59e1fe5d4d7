"""``markwhen``: a Markwhen document.

Written for Markwhen 1.x (``@markwhen/parser`` 1.0 and later). A header (``title``,
``description``, ``timezone`` and one colour per group tag), then the events in date order:
ungrouped events first, then one section per group in lane order, opened by a Markdown
heading ``# <label> #<group>`` (Markwhen 1.x groups; a heading runs to the next one). Each
event is one line, ``<dates>: <title> #tags``, followed by its description (summary, place,
certainty, sources).

Dates use Markwhen's syntax: EDTF for dates without a time (``2011``, ``2011-03``,
``2016-07/2016-12-22``; precision is kept, since Markwhen reads ``2011-03`` as the whole
month), ISO 8601 instants in UTC for times (``2024-11-29T03:30:00Z``, ranges joined by
`` - ``). Markwhen's EDTF has no qualifiers and no open ends, so ``c. 2019``, ongoing
periods (written to ``as_of``) and unknown ends are spelled out in a ``Date:`` line.

Markwhen reads ``#word`` as a tag anywhere in an event, so a ``#`` in front of a word in a
title or description is written as ``＃`` (FULLWIDTH NUMBER SIGN). Tags keep only ASCII
letters, digits and ``_`` (Markwhen's ``\\w``). A description line that Markwhen would take
for an event, a group marker, a comment or a heading is prefixed with ``. `` (Markwhen's
own convention when it imports calendars).
"""

from __future__ import annotations

import json
import re
import unicodedata

from timeline.dates import Date, EndKind, Precision, When
from timeline.formats._common import iso_instant, ongoing_end
from timeline.i18n.phrases import when_phrase
from timeline.model import Certainty, Event, Timeline, View

__all__ = ["export", "tag", "when_text"]

_TAG_IN_TEXT = re.compile(r"(?<!\S)#(?=\w)")
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
#: Other words Markwhen's date ranges are made of (relative dates, times, recurrence, eras).
_DATE_WORDS = frozenset(
    [
        "to",
        "til",
        "until",
        "before",
        "after",
        "by",
        "plus",
        "every",
        "other",
        "for",
        "times",
        "x",
        "am",
        "pm",
        "t",
        "z",
        "w",
        "st",
        "nd",
        "rd",
        "th",
        "ms",
        "millisecond",
        "milliseconds",
        "s",
        "sec",
        "secs",
        "second",
        "seconds",
        "min",
        "mins",
        "minute",
        "minutes",
        "h",
        "hour",
        "hours",
        "d",
        "day",
        "days",
        "week",
        "weeks",
        "work",
        "business",
        "month",
        "months",
        "y",
        "year",
        "years",
        "start",
        "end",
        "bc",
        "bce",
        "ad",
        "ce",
    ]
)
_MARKERS = re.compile(
    r"^\s*(?:(?:end)?(?:group|section)\b|//|#{1,6}\s|---|_-_-_break_-_-_)", re.IGNORECASE
)


def export(timeline: Timeline, events: list[Event], view: View | None) -> str:
    """The events as a Markwhen document."""
    t = timeline
    title = view.title if view is not None and view.title else t.title
    subtitle = view.subtitle if view is not None and view.subtitle else t.subtitle
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if subtitle:
        lines.append(f"description: {json.dumps(subtitle, ensure_ascii=False)}")
    lines.append(f"timezone: {t.timezone}")
    for gid, group in t.groups.items():
        if group.color:
            lines.append(f"#{tag(gid)}: {group.color}")
    lines += ["---", ""]
    for e in events:
        if e.group not in t.groups:
            lines += _event(t, e)
    by_group: dict[str, list[Event]] = {}  # one pass, not one per group
    for e in events:
        if e.group in t.groups:
            by_group.setdefault(e.group, []).append(e)
    for gid, group in t.groups.items():
        members = by_group.get(gid)
        if not members:
            continue
        lines += [f"# {_text(group.label)} #{tag(gid)}", ""]
        for e in members:
            lines += _event(t, e)
    return "\n".join(lines).rstrip("\n") + "\n"


def tag(name: str) -> str:
    """A tag as Markwhen reads it: ASCII letters, digits and ``_``, not only digits."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = re.sub(r"[^A-Za-z0-9_]+", "_", ascii_name).strip("_") or "tag"
    return f"tag_{out}" if out.isdigit() else out


def when_text(t: Timeline, when: When) -> str:
    """The dates of an event in Markwhen's syntax (see the module's description)."""
    start, end = when.start, _end_of(t, when)
    if start.has_time or (end is not None and end.has_time):
        # Times as UTC instants; a timed end is its written time, a date end its last day.
        first = iso_instant(start.bounds(t.tz)[0])
        if end is None:
            return first
        stop = end.bounds(t.tz)[0] if end.has_time else end.bounds(t.tz)[1]
        return f"{first} - {iso_instant(stop)}"
    first_text = _edtf(start)
    return first_text if end is None else f"{first_text}/{_edtf(end)}"


def _end_of(t: Timeline, when: When) -> Date | None:
    if when.end_kind is EndKind.DATE:
        return when.end
    if when.end_kind is EndKind.ONGOING:
        return ongoing_end(t, when.start)
    return None


def _edtf(d: Date) -> str:
    parts = f"{d.year:04d}"
    if d.precision >= Precision.MONTH:
        parts += f"-{d.month:02d}"
    if d.precision >= Precision.DAY:
        parts += f"-{d.day:02d}"
    return parts


def _needs_date_line(when: When) -> bool:
    dates = [when.start] if when.end is None else [when.start, when.end]
    qualified = any(d.approximate or d.uncertain or d.offset is not None for d in dates)
    return qualified or when.end_kind in (EndKind.ONGOING, EndKind.UNKNOWN)


def _event(t: Timeline, e: Event) -> list[str]:
    tags = " ".join(f"#{tag(x)}" for x in e.tags)
    head = f"{when_text(t, e.when)}: {_text(e.title)}" + (f" {tags}" if tags else "")
    body: list[str] = []
    if _needs_date_line(e.when):
        said = when_phrase(e.when)
        if e.when.end_kind is EndKind.ONGOING:
            said += f" (ongoing as of {t.as_of.text})"
        body.append(f"Date: {said}")
    if e.summary:
        body += e.summary.strip().split("\n")
    if e.place:
        body.append(f"Place: {e.place}")
    if e.certainty is not Certainty.REPORTED:
        body.append(f"Certainty: {e.certainty.value}")
    for sid in e.sources:
        s = t.sources.get(sid)
        if s is not None:
            name = s.title + (f", {s.publisher}" if s.publisher else "")
            body.append(f"- Source: [{name}]({s.url})" if s.url else f"- Source: {name}")
    return [head, *(_description_line(line) for line in body), ""]


def _text(text: str) -> str:
    """One line of text in which no ``#word`` reads as a tag."""
    return _TAG_IN_TEXT.sub("\uff03", " ".join(text.split()))


def _description_line(line: str) -> str:
    line = _TAG_IN_TEXT.sub("\uff03", line.rstrip())
    head, colon, _ = line.partition(":")
    if (colon and _date_like(head)) or _MARKERS.match(line):
        return f". {line}"
    return line


def _date_like(text: str) -> bool:
    """True when ``text`` is made only of what Markwhen's date ranges are made of (numbers,
    month names, ``now``, relative-date words, ``/-,.+`` and ``!id`` references) and names
    a date, so that ``text:`` could start an event."""
    tokens = re.findall(r"!\w+|[A-Za-z]+|\d+|\S", text)
    anchored = False
    for token in tokens:
        low = token.lower()
        if token.isdigit() or low in _MONTHS or low == "now" or token.startswith("!"):
            anchored = True
        elif not (low in _DATE_WORDS or token in "/-,.+"):
            return False
    return anchored
