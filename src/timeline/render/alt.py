"""Alt text: a short plain-language description of a view's chart, in the view's language."""

from __future__ import annotations

from dataclasses import replace

from timeline.dates import Date, EndKind, Precision
from timeline.i18n.phrases import around_phrase, date_phrase
from timeline.i18n.words import counted, words
from timeline.loader._nodes import paused_gc
from timeline.model import Event, Timeline, View
from timeline.render.chart.lanes import lane_names

__all__ = ["alt_text"]

#: How many milestones the alt text names before it says "and N more".
MAX_MILESTONES = 6


def _last(timeline: Timeline, events: list[Event], until: float | None = None) -> Date:
    """The latest date the chart reaches: an end, a start, or the as-of day for a period
    still going on; with ``until`` (a part of a chart in parts), no end or as-of day
    that begins after that instant: such a period is shown up to the part's edge."""
    candidates: list[Date] = []
    ongoing = EndKind.ONGOING
    tz = timeline.tz
    for e in events:
        when = e.when
        end = when.end or when.start
        if until is not None and end.bounds(tz)[0] > until:
            end = when.start
        candidates.append(end)
        if when.end_kind is ongoing and (until is None or timeline.as_of.bounds(tz)[0] <= until):
            candidates.append(timeline.as_of)
    # A date ends within a day of its year's end at the latest (UTC offsets are under a
    # day), so only dates of the last two years can be the latest: only theirs are worked
    # out. Order is kept, so a tie goes to the same date as over all of them.
    latest_year = max(d.year for d in candidates)
    recent = [d for d in candidates if d.year >= latest_year - 1]
    return max(recent, key=lambda d: d.bounds(tz)[1])


def _day(d: Date) -> Date:
    """``d`` without its time of day, which a list of milestones does not need."""
    if d.precision <= Precision.DAY:
        return d
    return replace(d, precision=Precision.DAY, hour=None, minute=None, second=None, offset=None)


@paused_gc()
def alt_text(
    timeline: Timeline,
    view: View,
    events: list[Event],
    *,
    locale: str = "en",
    until: float | None = None,
) -> str:
    """Say what the chart shows: its span, how many events, its lanes and milestones.
    ``until`` (epoch seconds) is where a part of a chart in parts ends: the span claims no
    end or as-of day after it (a period that runs on into the next part)."""
    w = words(locale)
    title = w.quoted(" ".join((view.title or timeline.title).split()))
    if not events:
        return w.no_events_alt.format(title=title)
    first = events[0].when.start
    last = _last(timeline, events, until)
    if date_phrase(first, locale=locale) == date_phrase(last, locale=locale):
        span = around_phrase(w.span_one, first, locale=locale)
    else:
        span = w.span.format(
            start=around_phrase(w.span_start, first, locale=locale),
            end=around_phrase(w.span_end, last, locale=locale),
        )
    text = w.chart.format(title=title) + " " + span + w.colon
    text += counted(w.events, len(events), locale)
    # The lanes the chart draws, named as it names them (one lane goes without saying).
    lanes = lane_names(timeline, events, locale)
    if len(lanes) > 1:
        text += " " + counted(w.lanes, len(lanes), locale) + f" ({w.comma.join(lanes)})"
    text += "."
    milestones = [e for e in events if e.is_milestone]
    if milestones:
        shown = w.semicolon.join(
            f"{e.title} ({date_phrase(_day(e.date), short=True, locale=locale)})"
            for e in milestones[:MAX_MILESTONES]
        )
        if len(milestones) > MAX_MILESTONES:
            shown += " " + counted(w.more, len(milestones) - MAX_MILESTONES, locale)
        text += " " + w.milestones.format(shown) + "."
    return text
