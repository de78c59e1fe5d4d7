"""``ics``: iCalendar (RFC 5545), written as the ``icalendar`` library writes it.

Each event becomes one VEVENT:

- a date without a time is an all-day event spanning what the date means: a day, a whole
  month, a whole year (``DTEND`` is the day after, as RFC 5545 wants);
- a period is one multi-day event from its start's first day to its end's last day; an
  ongoing period ends at the chronology's ``as_of``; an unknown end spans the start alone;
- a date with a time is a timed event: in the chronology's time zone (``TZID`` and a
  ``VTIMEZONE``), or in UTC when the date has its own UTC offset. A timed period ends at its
  end time as written; a timed single date has no ``DTEND`` (it takes no time). A period
  mixing a time and a date is written as all-day;
- ``UID`` is ``<event id>@<slug of the chronology's title>.timeline``, stable across exports;
  ``DTSTAMP`` is the chronology's ``as_of`` (never "now"), so the output is deterministic;
- ``SUMMARY`` is the title, ``DESCRIPTION`` the date in words, the summary, the certainty when
  it is not "reported" and the sources; ``LOCATION`` the place, ``URL`` the first source's
  link, ``CATEGORIES`` the group's label and the tags.

The calendar's own properties and its ``VTIMEZONE`` are made by ``icalendar``; each VEVENT is
written here as ``icalendar`` writes one (its property order, escaping and line folding), which
is about ten times faster than building and serialising an ``icalendar.Event`` per event. The
tests compare the two writings byte for byte.
"""

from __future__ import annotations

import contextlib
import zoneinfo
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from timeline.dates import Date, EndKind, Precision
from timeline.formats._common import utc_datetime
from timeline.i18n.phrases import when_phrase
from timeline.model import Certainty, Event, Timeline, View
from timeline.spec import slug

__all__ = ["PRODID", "export"]

PRODID = "-//timeline//timeline export//EN"
#: The latest day a VTIMEZONE is computed for (see :func:`export`).
_LAST_ZONE_DAY = date(9998, 12, 31)


def export(timeline: Timeline, events: list[Event], view: View | None) -> str:
    """The events as an iCalendar document (CRLF line ends, as RFC 5545 requires)."""
    import icalendar

    t = timeline
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    title = view.title if view is not None and view.title else t.title
    # Non-standard properties are written raw unless given as TEXT: escape them like SUMMARY.
    cal.add("x-wr-calname", icalendar.vText(title))
    subtitle = view.subtitle if view is not None and view.subtitle else t.subtitle
    if subtitle:
        cal.add("x-wr-caldesc", icalendar.vText(subtitle))
    writer = _Writer(t)
    vevents = "".join(writer.vevent(e) for e in events)
    if writer.zoned_days and writer.tzid is not None:
        # icalendar looks a year past each transition it finds, which overflows in year
        # 9999: the VTIMEZONE stops at the end of 9998, whose last rule then holds on.
        last = min(_shift(max(writer.zoned_days), 1), _LAST_ZONE_DAY)
        first = min(_shift(min(writer.zoned_days), -1), _shift(last, -366))
        # As ``Calendar.add_missing_timezones`` does for the events' TZID.
        with contextlib.suppress(ValueError):
            cal.add_component(
                icalendar.Timezone.from_tzid(writer.tzid, first_date=first, last_date=last)
            )
    data: bytes = cal.to_ical()
    # The events follow the VTIMEZONE (if any), as the last components of the calendar.
    head, end = data.decode("utf-8").rsplit("END:VCALENDAR\r\n", 1)
    return head + vevents + "END:VCALENDAR\r\n" + end


def _shift(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return d


class _Writer:
    def __init__(self, t: Timeline) -> None:
        import icalendar

        self.t = t
        self.domain = f"{slug(t.title) or 'chronology'}.timeline"
        self.stamp = _clamped(t.as_of_instant)
        self.zone: tzinfo = UTC if t.timezone == "UTC" else zoneinfo.ZoneInfo(t.timezone)
        #: Days of timed events written with TZID: the VTIMEZONE must cover them.
        self.zoned_days: list[date] = []
        # How icalendar writes a day and a time in the zone (its TZID, or UTC's ``Z``):
        # asked once, as it depends on the zone alone.
        probe = icalendar.vDDDTypes(datetime(2000, 1, 1, tzinfo=self.zone))
        self.zone_is_utc = probe.to_ical().endswith(b"Z")
        self.tzid: str | None = None if self.zone_is_utc else probe.params.get("TZID")
        self.zone_params = "" if self.zone_is_utc else _params(probe)
        self.date_params = _params(icalendar.vDDDTypes(date(2000, 1, 1)))

    def vevent(self, e: Event) -> str:
        """The VEVENT of ``e``: its lines, each ending in CRLF."""
        start, end = self._span(e)
        lines = ["BEGIN:VEVENT", "SUMMARY:" + _text(e.title), "DTSTART" + self._dt(start)]
        if end is not None:
            lines.append("DTEND" + self._dt(end))
        lines.append("DTSTAMP" + self._dt(self.stamp))
        lines.append("UID:" + _text(f"{e.id}@{self.domain}"))
        # The other properties in icalendar's order: by name.
        group = [self.t.groups[e.group].label] if e.group in self.t.groups else []
        categories = group + list(e.tags)
        if categories:
            lines.append("CATEGORIES:" + ",".join(_text(c) for c in categories))
        lines.append("DESCRIPTION:" + _text(self._description(e)))
        if e.place:
            lines.append("LOCATION:" + _text(e.place))
        url = next((self.t.sources[s].url for s in e.sources if self._url(s)), None)
        if url:
            lines.append("URL:" + url)
        lines.append("END:VEVENT")
        return "".join(_fold(line) + "\r\n" for line in lines)

    def _dt(self, value: date | datetime) -> str:
        """A DTSTART, DTEND or DTSTAMP after its name: parameters, ``:``, the value."""
        day = f"{value.year:04}{value.month:02}{value.day:02}"
        if not isinstance(value, datetime):
            return f"{self.date_params}:{day}"
        clock = f"T{value.hour:02}{value.minute:02}{value.second:02}"
        if value.tzinfo is UTC or self.zone_is_utc:
            return f":{day}{clock}Z"
        return f"{self.zone_params}:{day}{clock}"

    def _url(self, sid: str) -> bool:
        return sid in self.t.sources and bool(self.t.sources[sid].url)

    # -- when --------------------------------------------------------------------------

    def _span(self, e: Event) -> tuple[date | datetime, date | datetime | None]:
        w = e.when
        start = w.start
        if start.has_time and (w.end is None or w.end.has_time):
            first = self._instant(start)
            if w.end_kind is EndKind.DATE:
                assert w.end is not None
                return first, self._instant(w.end)
            if w.end_kind is EndKind.ONGOING:
                stop = _clamped(max(self.t.as_of_instant, self.t.bounds(w)[0]))
                return first, stop
            return first, None
        last: Date = start
        if w.end_kind is EndKind.DATE:
            assert w.end is not None
            last = w.end
        elif w.end_kind is EndKind.ONGOING:
            last = self.t.as_of if _first_day(self.t.as_of) >= _first_day(start) else start
        return _first_day(start), _day_after(last)

    def _instant(self, d: Date) -> datetime:
        if d.offset is not None:
            return _clamped(d.bounds(self.zone)[0])
        wall = datetime(*d.parts, tzinfo=self.zone)
        if self.zone is not UTC:
            self.zoned_days.append(wall.date())
        return wall

    # -- text --------------------------------------------------------------------------

    def _description(self, e: Event) -> str:
        lines = [f"Date: {when_phrase(e.when)}"]
        if e.when.end_kind is EndKind.ONGOING:
            lines[0] += f" (ongoing as of {self.t.as_of.text})"
        if e.summary:
            lines += ["", e.summary]
        if e.certainty is not Certainty.REPORTED:
            lines += ["", f"Certainty: {e.certainty.value}"]
        cited = [self.t.sources[s] for s in e.sources if s in self.t.sources]
        if cited:
            lines += ["", "Sources:"]
            for s in cited:
                name = s.title + (f", {s.publisher}" if s.publisher else "")
                lines.append(f"- {name}" + (f": {s.url}" if s.url else ""))
        return "\n".join(lines)


def _params(value: Any) -> str:
    """``;NAME=VALUE...`` as icalendar writes the parameters of ``value`` ('' for none)."""
    params: bytes = value.params.to_ical()
    return ";" + params.decode("utf-8") if params else ""


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 wants, exactly as icalendar escapes it."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """``line`` folded as icalendar folds it: at most 74 octets a line, never splitting a
    character, and never ending a line with a ``\\`` or ``^`` that starts an escape."""
    if line.isascii():
        if len(line) < _FOLD:
            return line
        parts: list[str] = []
        start = 0
        while len(line) - start > _FOLD - 1:
            stop = start + _FOLD - 1
            if line[stop - 1] in "\\^":
                stop -= 1
            parts.append(line[start:stop])
            start = stop
        parts.append(line[start:])
        return "\r\n ".join(parts)
    lines: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= _FOLD:
            if len(current) > 1 and current[-1] in "\\^":
                moved = current.pop()
                lines.append("".join(current))
                current, size = [moved], len(moved.encode("utf-8"))
            else:
                lines.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    if current:
        lines.append("".join(current))
    return "\r\n ".join(lines)


#: RFC 5545's 75 octets: icalendar starts a new line before a line would reach them.
_FOLD = 75


def _first_day(d: Date) -> date:
    return date(d.year, d.month or 1, d.day or 1)


def _day_after(d: Date) -> date | None:
    """The first day after everything ``d`` can mean (None past year 9999: RFC 5545 then
    reads the event as one day long)."""
    try:
        if d.precision == Precision.YEAR:
            return date(d.year + 1, 1, 1)
        year, month, day = d.parts[:3]
        if d.precision == Precision.MONTH:
            return date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, day) + timedelta(days=1)
    except (ValueError, OverflowError):
        return None


def _clamped(epoch: int) -> datetime:
    """An instant as an aware UTC datetime, kept inside the years datetime can hold."""
    try:
        return utc_datetime(epoch)
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC) if epoch < 0 else datetime.max.replace(tzinfo=UTC)
