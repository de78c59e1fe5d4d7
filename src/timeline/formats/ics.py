"""``ics``: iCalendar (RFC 5545), written with the ``icalendar`` library.

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
"""

from __future__ import annotations

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
    for e in events:
        cal.add_component(writer.vevent(e))
    if writer.zoned_days:
        # icalendar looks a year past each transition it finds, which overflows in year
        # 9999: the VTIMEZONE stops at the end of 9998, whose last rule then holds on.
        last = min(_shift(max(writer.zoned_days), 1), _LAST_ZONE_DAY)
        first = min(_shift(min(writer.zoned_days), -1), _shift(last, -366))
        cal.add_missing_timezones(first_date=first, last_date=last)
    data: bytes = cal.to_ical()
    return data.decode("utf-8")


def _shift(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return d


class _Writer:
    def __init__(self, t: Timeline) -> None:
        self.t = t
        self.domain = f"{slug(t.title) or 'chronology'}.timeline"
        self.stamp = _clamped(t.as_of_instant)
        self.zone: tzinfo = UTC if t.timezone == "UTC" else zoneinfo.ZoneInfo(t.timezone)
        #: Days of timed events written with TZID: the VTIMEZONE must cover them.
        self.zoned_days: list[date] = []

    def vevent(self, e: Event) -> Any:
        import icalendar

        ev = icalendar.Event()
        ev.add("uid", f"{e.id}@{self.domain}")
        ev.add("dtstamp", self.stamp)
        start, end = self._span(e)
        ev.add("dtstart", start)
        if end is not None:
            ev.add("dtend", end)
        ev.add("summary", e.title)
        ev.add("description", self._description(e))
        if e.place:
            ev.add("location", e.place)
        url = next((self.t.sources[s].url for s in e.sources if self._url(s)), None)
        if url:
            ev.add("url", url)
        categories = ([self.t.groups[e.group].label] if e.group in self.t.groups else []) + list(
            e.tags
        )
        if categories:
            ev.add("categories", categories)
        return ev

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
