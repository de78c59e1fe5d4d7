"""The documented order of events, and the selection of a view."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from timeline.dates import When
from timeline.model import Event, Timeline, View

__all__ = ["Filter", "select", "sort", "sort_key"]


def sort_key(timeline: Timeline, event: Event) -> tuple[int, int, int, int]:
    """The documented total order.

    1. the earliest instant the date can mean (``2011`` starts at 2011-01-01T00:00);
    2. coarser precision first (``2011`` before ``2011-01`` before ``2011-01-01``);
    3. the end of what it can mean (a point or short period before a longer one);
    4. file order.
    """
    start, end = timeline.bounds(event.when)
    return (start, int(event.when.start.precision), end, event.index)


def sort(timeline: Timeline, events: Iterable[Event] | None = None) -> list[Event]:
    """Events in the documented order (all of the chronology's when ``events`` is None)."""
    items = timeline.events if events is None else events
    return sorted(items, key=lambda e: sort_key(timeline, e))


@dataclass(frozen=True, slots=True)
class Filter:
    """Extra narrowing on top of a view, from the command line."""

    start: When | None = None
    stop: When | None = None
    groups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    min_importance: int | None = None


def select(timeline: Timeline, view: View, extra: Filter | None = None) -> list[Event]:
    """The events a view shows, sorted. An event is in range when any part of what its date
    can mean falls between the view's ``from`` and ``to``."""
    extra = extra or Filter()
    lo = _lower(timeline, view.start, extra.start)
    hi = _upper(timeline, view.stop, extra.stop)
    groups = set(view.groups) if view.groups else None
    more_groups = set(extra.groups) if extra.groups else None
    tags = set(view.tags) if view.tags else None
    more_tags = set(extra.tags) if extra.tags else None
    # A view's min_importance picks what a chart labels, not what it shows: every event of
    # the view is kept and drawn. Its omit_below and the command line's --min-importance
    # do leave events out.
    floor = max(extra.min_importance or 1, view.omit_below)
    keyed = []
    for e in timeline.events:
        start, end = timeline.bounds(e.when)
        if lo is not None and end <= lo:
            continue
        if hi is not None and start >= hi:
            continue
        if groups is not None and e.group not in groups:
            continue
        if more_groups is not None and e.group not in more_groups:
            continue
        if tags is not None and not tags.intersection(e.tags):
            continue
        if more_tags is not None and not more_tags.intersection(e.tags):
            continue
        if e.importance < floor:
            continue
        # The sort key of :func:`sort_key`, from the bounds already computed.
        keyed.append(((start, int(e.when.start.precision), end, e.index), e))
    keyed.sort(key=lambda pair: pair[0])
    return [e for _, e in keyed]


def _lower(timeline: Timeline, *whens: When | None) -> int | None:
    values = [timeline.bounds(w)[0] for w in whens if w is not None]
    return max(values) if values else None


def _upper(timeline: Timeline, *whens: When | None) -> int | None:
    values = [timeline.bounds(w)[1] for w in whens if w is not None]
    return min(values) if values else None
