"""The time axis: the span a chart shows, where time falls in points, and its ticks.

Ticks are counted in the chronology's own time zone and calendar (a month tick is the first
of the month there), at the finest unit whose labels still fit: years, months, days, hours
or minutes. Each tick has a label, and the first tick and each tick where the coarser unit
changes carry a second, context line ("Nov 2024" under "27"), so a reader never has to
guess the year.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from timeline.dates import MAX_YEAR, MIN_YEAR, Date, Precision
from timeline.i18n.locale import locale_data
from timeline.i18n.phrases import date_phrase

__all__ = ["Scale", "Tick", "choose_ticks"]


@dataclass(frozen=True, slots=True)
class Scale:
    """Maps epoch seconds ``t0``-``t1`` onto points ``left``-``left + width``."""

    t0: float
    t1: float
    left: float
    width: float

    @property
    def per_second(self) -> float:
        return self.width / (self.t1 - self.t0)

    def x(self, t: float) -> float:
        return self.left + (t - self.t0) * self.per_second

    @property
    def right(self) -> float:
        return self.left + self.width


@dataclass(frozen=True, slots=True)
class Tick:
    """One tick: where it is, its label, and the context line under it (or None).

    ``span`` is True when the label names the span starting at the tick (a year, month or
    day, set just right of it) rather than the instant of the tick (a clock time, centred).
    """

    x: float
    label: str
    context: str | None
    span: bool


_DAY = 86400.0
#: (unit, step, approximate seconds per step, points a label needs), coarse to fine.
_STEPS: tuple[tuple[str, int, float, float], ...] = (
    *(("year", s, s * 365.25 * _DAY, 34.0) for s in (1000, 500, 200, 100, 50, 20, 10, 5, 2, 1)),
    *(("month", s, s * 30.44 * _DAY, 30.0) for s in (6, 3, 1)),
    *(("day", s, s * _DAY, 24.0) for s in (7, 2, 1)),
    *(("hour", s, s * 3600.0, 38.0) for s in (12, 6, 3, 1)),
    *(("minute", s, s * 60.0, 38.0) for s in (30, 15, 10, 5, 1)),
)


def choose_ticks(scale: Scale, tz: tzinfo, locale: str) -> list[Tick]:
    """The ticks of ``scale``: the finest unit whose labels fit, at least two when possible."""
    span = scale.t1 - scale.t0
    chosen = _STEPS[0]
    for candidate in _STEPS:
        if span / candidate[2] * candidate[3] > scale.width:
            break
        chosen = candidate
    unit, step, _, _ = chosen
    ticks = []
    previous: datetime | None = None
    for wall in _walls(unit, step, scale.t0, scale.t1, tz):
        t = _epoch(wall, tz)
        if t < scale.t0 or t > scale.t1:
            continue
        ticks.append(_tick(scale.x(t), unit, wall, previous, locale))
        previous = wall
        if len(ticks) > 400:
            break
    return ticks


def _epoch(wall: datetime, tz: tzinfo) -> float:
    return wall.replace(tzinfo=tz).timestamp()


def _wall(t: float, tz: tzinfo) -> datetime:
    lowest = datetime(MIN_YEAR, 1, 2, tzinfo=tz).timestamp()
    highest = datetime(MAX_YEAR, 12, 30, tzinfo=tz).timestamp()
    t = min(max(t, lowest), highest)
    return datetime.fromtimestamp(t, tz).replace(tzinfo=None)


def _walls(unit: str, step: int, t0: float, t1: float, tz: tzinfo) -> Iterator[datetime]:
    """Wall-clock tick times from just before ``t0`` to just after ``t1``, in order."""
    first, last = _wall(t0, tz), _wall(t1, tz)
    if unit == "year":
        y = first.year - first.year % step  # 0 for the first years: the next is a round one
        while y <= min(last.year, MAX_YEAR):
            if y >= MIN_YEAR:
                yield datetime(y, 1, 1)
            y += step
    elif unit == "month":
        i = first.year * 12 + first.month - 1
        i -= i % step
        while i <= last.year * 12 + last.month - 1:
            yield datetime(i // 12, i % 12 + 1, 1)
            i += step
    elif unit == "day":
        day = first.date()
        while day <= last.date():
            n = calendar.monthrange(day.year, day.month)[1]
            if step == 1 or ((day.day - 1) % step == 0 and n - day.day + 1 >= step * 0.6):
                yield datetime(day.year, day.month, day.day)
            day += timedelta(days=1)
    else:
        size = 3600 if unit == "hour" else 60
        width = step * size
        t = first.replace(minute=0, second=0, microsecond=0)
        if unit == "minute":
            t = first.replace(second=0, microsecond=0)
        while t <= last:
            since_midnight = t.hour * 3600 + t.minute * 60
            if since_midnight % width == 0:
                yield t
            t += timedelta(seconds=size)


def _tick(x: float, unit: str, wall: datetime, previous: datetime | None, locale: str) -> Tick:
    if unit == "year":
        return Tick(x, f"{wall.year}", None, True)
    if unit == "month":
        new_year = previous is None or previous.year != wall.year
        name = locale_data(locale).months_short_alone[wall.month]
        return Tick(x, name, f"{wall.year}" if new_year else None, True)
    if unit == "day":
        new_month = previous is None or (previous.year, previous.month) != (wall.year, wall.month)
        month = Date(wall.year, wall.month, precision=Precision.MONTH)
        context = date_phrase(month, short=True, locale=locale) if new_month else None
        return Tick(x, f"{wall.day}", context, True)
    new_day = previous is None or previous.date() != wall.date()
    day = Date(wall.year, wall.month, wall.day, precision=Precision.DAY)
    context = date_phrase(day, short=True, locale=locale) if new_day else None
    return Tick(x, f"{wall.hour:02d}:{wall.minute:02d}", context, False)
