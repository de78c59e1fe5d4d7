"""Rebuild the new version of a chronology from the old one and the changes between them.

This is what makes a :class:`Changes` (and its JSON form) complete: every difference that
means something to an output is in it. What it does not carry is what means nothing: the
order of events in the file (kept events stay in their old order, added ones follow), the
order of ids in a list, and whether an id was written or derived.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import UTC, tzinfo
from typing import Any, TypeVar

from timeline.dates import Date, Precision
from timeline.diff._changes import Changes, FieldChange, Item, ItemChange
from timeline.model import Era, Event, Timeline

__all__ = ["apply"]

T = TypeVar("T", bound=Item | Event)

#: Keys of the file whose attribute in the model has another name.
_ATTRIBUTES = {"date": "when", "from": "start", "to": "stop"}


def apply(old: Timeline, changes: Changes) -> Timeline:
    """The chronology ``changes`` turns ``old`` into.

    ``apply(old, diff(old, new))`` equals ``new`` in everything an output shows (see the
    module's note on what a change does not carry).
    """
    settings = {f.field: f.new for f in changes.settings}
    timezone = str(settings.get("timezone", old.timezone))
    tz = old.tz if timezone == old.timezone else _zone(timezone)
    events = _events(old.events, changes)
    eras = _eras(old.eras, changes.eras)
    as_of = settings.get("as_of", old.as_of if old.as_of_given else None)
    if isinstance(as_of, Date):
        as_of_date, instant = as_of, as_of.bounds(tz)[1]
    else:
        as_of_date, instant = _latest(events, eras, tz)
    return dataclasses.replace(
        old,
        title=str(settings.get("title", old.title)),
        subtitle=_text_or_none(settings.get("subtitle", old.subtitle)),
        locale=str(settings.get("locale", old.locale)),
        timezone=timezone,
        tz=tz,
        as_of=as_of_date,
        as_of_instant=instant,
        as_of_given=isinstance(as_of, Date),
        events=events,
        eras=eras,
        sources=_keyed(old.sources, changes.sources),
        groups=_ordered(_keyed(old.groups, changes.groups), settings.get("group_order")),
        views=_ordered(_keyed(old.views, changes.views), settings.get("view_order")),
        broken_ids=frozenset(),
        view_where={},
    )


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _zone(name: str) -> tzinfo:
    if name == "UTC":
        return UTC
    import pendulum

    zone: tzinfo = pendulum.timezone(name)
    return zone


def _with(item: T, fields: Iterable[FieldChange]) -> T:
    values: dict[str, Any] = {_ATTRIBUTES.get(f.field, f.field): f.new for f in fields}
    return dataclasses.replace(item, **values)


def _events(old: tuple[Event, ...], changes: Changes) -> tuple[Event, ...]:
    gone = {c.old.id for c in changes.events if c.old is not None}
    changed = {c.old.id: c for c in changes.events if c.kind == "changed" and c.old is not None}
    out: list[Event] = []
    for e in old:
        if e.id not in gone:
            out.append(e)
        elif e.id in changed:
            out.append(_with(e, changed[e.id].fields))
    out += [c.new for c in changes.events if c.kind == "added" and c.new is not None]
    return tuple(dataclasses.replace(e, index=i) for i, e in enumerate(out))


def _keyed(old: dict[str, T], changes: tuple[ItemChange, ...]) -> dict[str, T]:
    out = dict(old)
    for c in changes:
        if c.kind == "removed":
            del out[c.key]
        elif c.kind == "changed":
            out[c.key] = _with(out[c.key], c.fields)
    for c in changes:
        if c.kind == "added" and c.new is not None:
            out[c.key] = c.new  # type: ignore[assignment]
    return out


def _ordered(items: dict[str, T], order: object) -> dict[str, T]:
    if not isinstance(order, tuple):
        return items
    return {key: items[key] for key in order}


def _eras(old: tuple[Era, ...], changes: tuple[ItemChange, ...]) -> tuple[Era, ...]:
    out = list(old)
    for c in changes:
        if c.kind == "removed" and isinstance(c.old, Era):
            out.remove(c.old)
        elif c.kind == "changed":
            at = next(i for i, e in enumerate(out) if e.title == c.key)
            out[at] = _with(out[at], c.fields)
    out += [c.new for c in changes if c.kind == "added" and isinstance(c.new, Era)]
    return tuple(out)


def _latest(events: tuple[Event, ...], eras: tuple[Era, ...], tz: tzinfo) -> tuple[Date, int]:
    """The as-of date of a file that gives none: its latest date (as the loader does)."""
    latest: Date | None = None
    latest_end = -(2**62)
    for when in [e.when for e in events] + [e.when for e in eras]:
        for d in (when.start, when.end):
            if d is not None:
                end = d.bounds(tz)[1]
                if end > latest_end:
                    latest, latest_end = d, end
    if latest is None:
        epoch = Date(1970, 1, 1, precision=Precision.DAY)
        return epoch, epoch.bounds(tz)[1]
    return latest, latest_end
