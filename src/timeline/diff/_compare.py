"""Find and classify the changes between two chronologies.

Events are matched by id. Events left over (without an id in the file, or whose id
changed) are matched by their date and title when exactly one event on each side has that
date and title (identical events are paired first, so repeated unchanged entries never
count as changes); then by everything but their title, then by everything but their date,
again when exactly one event on each side says it (a title or a date edited alone); the
rest were removed or added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Literal, TypeVar

from timeline.dates import When
from timeline.diff._changes import (
    Changes,
    EventChange,
    FieldChange,
    Item,
    ItemChange,
    Matched,
    Value,
)
from timeline.model import Era, Event, Group, Source, Timeline, View
from timeline.query import sort_key

__all__ = ["diff"]

T = TypeVar("T", bound=Item)


def diff(old: Timeline, new: Timeline) -> Changes:
    """Every difference between ``old`` and ``new``, classified (see :class:`Changes`).

    ``diff(t, t)`` is empty; the order of events in the file and of the ids in a list is
    not a change.
    """
    return Changes(
        old=old,
        new=new,
        events=_events(old, new),
        sources=_by_key("sources", old.sources, new.sources, _source_fields),
        groups=_by_key("groups", old.groups, new.groups, _group_fields),
        eras=_eras(old.eras, new.eras),
        views=_by_key("views", old.views, new.views, _view_fields),
        settings=_settings(old, new),
    )


# -- events ------------------------------------------------------------------------------


def _content(e: Event) -> tuple[object, ...]:
    """What an event says, apart from its id and its place in the file."""
    return (
        e.when,
        e.title,
        e.summary,
        e.certainty,
        e.importance,
        e.group,
        e.place,
        frozenset(e.sources),
        frozenset(e.tags),
        frozenset(e.related),
    )


def _pair(old: Timeline, new: Timeline) -> tuple[list[tuple[Event, Event, Matched]], list[Event]]:
    """Old and new events that are the same event, and the new events left unpaired."""
    by_id = {e.id: e for e in old.events if not e.id_derived}
    pairs: list[tuple[Event, Event, Matched]] = []
    taken: set[str] = set()
    rest_new: list[Event] = []
    for e in new.events:
        match = by_id.get(e.id) if not e.id_derived else None
        if match is not None:
            pairs.append((match, e, "id"))
            taken.add(e.id)
        else:
            rest_new.append(e)
    rest_old = [e for e in old.events if e.id_derived or e.id not in taken]
    if not rest_old or not rest_new:
        return pairs, rest_new
    olds: dict[tuple[When, str], list[Event]] = defaultdict(list)
    for e in rest_old:
        olds[e.when, e.title].append(e)
    news: dict[tuple[When, str], list[Event]] = defaultdict(list)
    for e in rest_new:
        news[e.when, e.title].append(e)
    unpaired: list[Event] = []
    for key, candidates in news.items():
        before = olds.get(key)
        if not before:
            unpaired += candidates
            continue
        left = _pair_identical(before, candidates, pairs)
        if len(before) == 1 and len(left) == 1:
            pairs.append((before.pop(), left[0], "date and title"))
        else:
            unpaired += left  # ambiguous: several candidates on one side
    # An event whose title (or date) alone was edited, its id derived from them: exactly
    # one event on each side saying all the rest.
    remaining = [e for events in olds.values() for e in events]
    by_rest: tuple[tuple[int, Matched], ...] = ((1, "all but the title"), (0, "all but the date"))
    for index, matched in by_rest:
        remaining, unpaired = _pair_unique(remaining, unpaired, index, matched, pairs)
    return pairs, unpaired


def _pair_unique(
    before: list[Event],
    after: list[Event],
    index: int,
    matched: Matched,
    pairs: list[tuple[Event, Event, Matched]],
) -> tuple[list[Event], list[Event]]:
    """Pair each event of ``after`` with the one of ``before`` whose content, all but its
    ``index``-th part (1: the title, 0: the date), is the same, when exactly one on each
    side has it; return both sides' events left, in order."""

    def rest(e: Event) -> tuple[object, ...]:
        content = _content(e)
        return content[:index] + content[index + 1 :]

    olds: dict[tuple[object, ...], list[Event]] = defaultdict(list)
    for e in before:
        olds[rest(e)].append(e)
    news: dict[tuple[object, ...], list[Event]] = defaultdict(list)
    for e in after:
        news[rest(e)].append(e)
    taken: set[int] = set()
    left: list[Event] = []
    for e in after:
        one, other = news[rest(e)], olds.get(rest(e), [])
        if len(one) == 1 and len(other) == 1:
            pairs.append((other[0], e, matched))
            taken.add(id(other[0]))
        else:
            left.append(e)
    return [e for e in before if id(e) not in taken], left


def _pair_identical(
    before: list[Event], candidates: list[Event], pairs: list[tuple[Event, Event, Matched]]
) -> list[Event]:
    """Pair events that say exactly the same thing; remove them from ``before``; return
    the candidates left."""
    left = []
    for e in candidates:
        content = _content(e)
        same = next((i for i, o in enumerate(before) if _content(o) == content), None)
        if same is None:
            left.append(e)
        else:
            pairs.append((before.pop(same), e, "date and title"))
    return left


def _events(old: Timeline, new: Timeline) -> tuple[EventChange, ...]:
    pairs, added = _pair(old, new)
    paired = {id(o) for o, _, _ in pairs}
    keyed: list[tuple[tuple[int, int, int, int, str], EventChange]] = []
    for o, n, matched in pairs:
        fields = _event_fields(old, new, o, n)
        if fields:
            change = EventChange("changed", o, n, fields, matched)
            keyed.append((_order(new, n, 1), change))
    for e in added:
        keyed.append((_order(new, e, 0), EventChange("added", None, e)))
    for e in old.events:
        if id(e) not in paired:
            keyed.append((_order(old, e, 2), EventChange("removed", e, None)))
    keyed.sort(key=lambda pair: pair[0])
    return tuple(change for _, change in keyed)


def _order(t: Timeline, e: Event, rank: int) -> tuple[int, int, int, int, str]:
    start, precision, end, _ = sort_key(t, e)
    return (start, precision, end, rank, e.id)


def _event_fields(old: Timeline, new: Timeline, o: Event, n: Event) -> tuple[FieldChange, ...]:
    if o.id == n.id and _content(o) == _content(n):
        return ()
    out: list[FieldChange] = []
    if o.id != n.id:
        out.append(FieldChange("id", o.id, n.id))
    if o.when != n.when:
        out.append(_redated(old, new, o.when, n.when))
    _compare(out, "title", o.title, n.title)
    _compare(out, "summary", o.summary, n.summary)
    _compare(out, "certainty", o.certainty, n.certainty)
    _compare(out, "importance", o.importance, n.importance)
    _compare_set(out, "sources", o.sources, n.sources)
    _compare(out, "group", o.group, n.group)
    _compare(out, "place", o.place, n.place)
    _compare_set(out, "tags", o.tags, n.tags)
    _compare_set(out, "related", o.related, n.related)
    return tuple(out)


def _compare(out: list[FieldChange], name: str, old: Value, new: Value) -> None:
    if old != new:
        out.append(FieldChange(name, old, new))


def _compare_set(
    out: list[FieldChange], name: str, old: tuple[str, ...], new: tuple[str, ...]
) -> None:
    if old != new and set(old) != set(new):
        out.append(FieldChange(name, old, new))


def _redated(old: Timeline, new: Timeline, before: When, after: When) -> FieldChange:
    precision: Literal["gained", "lost"] | None = None
    a, b = before.start.precision, after.start.precision
    if a == b and before.end is not None and after.end is not None:
        a, b = before.end.precision, after.end.precision
    if b > a:
        precision = "gained"
    elif b < a:
        precision = "lost"
    lo_old, hi_old = old.bounds(before)
    lo_new, hi_new = new.bounds(after)
    narrowed = lo_old <= lo_new and hi_new <= hi_old and (lo_old, hi_old) != (lo_new, hi_new)
    return FieldChange("date", before, after, precision, narrowed)


# -- sources, groups, eras, views --------------------------------------------------------


def _by_key(
    section: Literal["sources", "groups", "views"],
    old: dict[str, T],
    new: dict[str, T],
    fields: Callable[[T, T], list[FieldChange]],
) -> tuple[ItemChange, ...]:
    out = []
    for key, item in new.items():
        before = old.get(key)
        if before is None:
            out.append(ItemChange(section, "added", key, None, item))
        elif before != item:
            changed = fields(before, item)
            if changed:
                out.append(ItemChange(section, "changed", key, before, item, tuple(changed)))
    out += [ItemChange(section, "removed", k, v, None) for k, v in old.items() if k not in new]
    return tuple(out)


def _source_fields(o: Source, n: Source) -> list[FieldChange]:
    out: list[FieldChange] = []
    _compare(out, "title", o.title, n.title)
    _compare(out, "publisher", o.publisher, n.publisher)
    _compare(out, "date", o.date, n.date)
    _compare(out, "url", o.url, n.url)
    _compare(out, "note", o.note, n.note)
    return out


def _group_fields(o: Group, n: Group) -> list[FieldChange]:
    out: list[FieldChange] = []
    _compare(out, "label", o.label, n.label)
    _compare(out, "color", o.color, n.color)
    return out


def _view_fields(o: View, n: View) -> list[FieldChange]:
    out: list[FieldChange] = []
    _compare(out, "title", o.title, n.title)
    _compare(out, "subtitle", o.subtitle, n.subtitle)
    _compare(out, "from", o.start, n.start)
    _compare(out, "to", o.stop, n.stop)
    _compare_set(out, "groups", o.groups, n.groups)
    _compare_set(out, "tags", o.tags, n.tags)
    _compare(out, "min_importance", o.min_importance, n.min_importance)
    _compare(out, "layout", o.layout, n.layout)
    return out


def _eras(old: Sequence[Era], new: Sequence[Era]) -> tuple[ItemChange, ...]:
    """Eras are matched by title where a title is used once on each side; others are the
    same era only when equal in every way."""
    old_titles = _counts(e.title for e in old)
    new_titles = _counts(e.title for e in new)
    unique = {t for t, n in new_titles.items() if n == 1 and old_titles.get(t) == 1}
    old_by_title = {e.title: e for e in old if e.title in unique}
    out = []
    rest_old = [e for e in old if e.title not in unique]
    for era in new:
        if era.title in unique:
            before = old_by_title[era.title]
            if before != era:
                fields: list[FieldChange] = []
                _compare(fields, "date", before.when, era.when)
                _compare(fields, "color", before.color, era.color)
                out.append(ItemChange("eras", "changed", era.title, before, era, tuple(fields)))
        elif era in rest_old:
            rest_old.remove(era)
        else:
            out.append(ItemChange("eras", "added", era.title, None, era))
    out += [ItemChange("eras", "removed", e.title, e, None) for e in rest_old]
    return tuple(out)


def _counts(items: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item] += 1
    return counts


# -- settings ----------------------------------------------------------------------------


def _settings(old: Timeline, new: Timeline) -> tuple[FieldChange, ...]:
    out: list[FieldChange] = []
    _compare(out, "title", old.title, new.title)
    _compare(out, "subtitle", old.subtitle, new.subtitle)
    # An as_of the file does not give is worked out from its dates: not a change of its own.
    _compare(
        out,
        "as_of",
        old.as_of if old.as_of_given else None,
        new.as_of if new.as_of_given else None,
    )
    _compare(out, "locale", old.locale, new.locale)
    _compare(out, "timezone", old.timezone, new.timezone)
    _order_change(out, "group_order", list(old.groups), list(new.groups))
    _order_change(out, "view_order", list(old.views), list(new.views))
    return tuple(out)


def _order_change(out: list[FieldChange], name: str, old: list[str], new: list[str]) -> None:
    """Record the new order when dropping removed and appending added ids does not give it."""
    kept = set(new)
    known = set(old)
    naive = [k for k in old if k in kept] + [k for k in new if k not in known]
    if naive != new:
        out.append(FieldChange(name, tuple(old), tuple(new)))
