"""The chronology as frozen data: Timeline, Event, Source, Group, Era, View. No I/O here."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from timeline.dates import Date, When

__all__ = [
    "DEFAULT_VIEW",
    "Certainty",
    "Era",
    "Event",
    "Group",
    "Source",
    "Timeline",
    "Translations",
    "View",
]

#: The name of the view used when a file defines none.
DEFAULT_VIEW = "timeline"


class Certainty(enum.Enum):
    """How sure the chronology is that an event happened as described."""

    CONFIRMED = "confirmed"  # independently confirmed
    REPORTED = "reported"  # reported by a credible source (the default)
    CLAIMED = "claimed"  # asserted by one side, not independently verified
    DISPUTED = "disputed"  # contested by other sources


#: (line, column) of a value in the source file, for diagnostics.
Where = tuple[int, int]
#: Texts in other languages: locale -> key -> text (``{"fr": {"title": "..."}}``), for the
#: keys :data:`timeline.spec.TRANSLATABLE` allows.
Translations = dict[str, dict[str, str]]


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str | None = None
    date: When | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """A lane of the chart: an actor, a side, a place. File order is lane order."""

    id: str
    label: str
    color: str | None = None
    translations: Translations = field(default_factory=dict, hash=False)
    where: dict[str, Where] = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True, slots=True)
class Era:
    """A span shaded behind the events."""

    title: str
    when: When
    color: str | None = None
    translations: Translations = field(default_factory=dict, hash=False)
    where: dict[str, Where] = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True, slots=True)
class Event:
    """One dated thing that happened, or a period.

    ``index`` is the position in the file (the last tie-breaker of the sort order);
    ``id_derived`` is True when the file gave no id and one was made from date and title.
    """

    id: str
    when: When
    title: str
    index: int
    summary: str | None = None
    group: str | None = None
    tags: tuple[str, ...] = ()
    place: str | None = None
    sources: tuple[str, ...] = ()
    certainty: Certainty = Certainty.REPORTED
    importance: int = 2
    related: tuple[str, ...] = ()
    translations: Translations = field(default_factory=dict, hash=False)
    id_derived: bool = False
    where: dict[str, Where] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def date(self) -> Date:
        """The start date."""
        return self.when.start

    @property
    def end(self) -> Date | None:
        return self.when.end

    @property
    def is_milestone(self) -> bool:
        return self.importance >= 3


_new_object = object.__new__
(
    _set_id,
    _set_when,
    _set_title,
    _set_index,
    _set_summary,
    _set_group,
    _set_tags,
    _set_place,
    _set_sources,
    _set_certainty,
    _set_importance,
    _set_related,
    _set_translations,
    _set_id_derived,
    _set_where,
) = (getattr(Event, name).__set__ for name in Event.__slots__)


def event_from_parts(
    id: str,
    when: When,
    title: str,
    index: int,
    summary: str | None,
    group: str | None,
    tags: tuple[str, ...],
    place: str | None,
    sources: tuple[str, ...],
    certainty: Certainty,
    importance: int,
    related: tuple[str, ...],
    translations: Translations,
    id_derived: bool,
    where: dict[str, Where],
) -> Event:
    """``Event(...)`` with every field given, in order, made by setting its slots directly:
    about three times faster than the frozen dataclass's ``__init__`` (which goes through
    ``object.__setattr__`` once a field), and the loader makes one per event."""
    e: Any = _new_object(Event)
    _set_id(e, id)
    _set_when(e, when)
    _set_title(e, title)
    _set_index(e, index)
    _set_summary(e, summary)
    _set_group(e, group)
    _set_tags(e, tags)
    _set_place(e, place)
    _set_sources(e, sources)
    _set_certainty(e, certainty)
    _set_importance(e, importance)
    _set_related(e, related)
    _set_translations(e, translations)
    _set_id_derived(e, id_derived)
    _set_where(e, where)
    return e  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class View:
    """A named selection of the chronology, rendered as its own chart and text."""

    name: str
    title: str | None = None
    subtitle: str | None = None
    start: When | None = None  # ``from`` in the file
    stop: When | None = None  # ``to`` in the file
    groups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    min_importance: int = 1
    #: Events less important than this are left out of the view's chart and text.
    omit_below: int = 1
    #: Where the view's chart goes (``column``, ``page``, ``slide``, ``wide``), or None.
    size: str | None = None
    #: How the view's chart runs: ``across``, ``down`` or ``auto`` (down when across does
    #: not fit its size).
    layout: str = "auto"
    translations: Translations = field(default_factory=dict, hash=False)
    where: dict[str, Where] = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True, slots=True)
class Timeline:
    """A whole chronology. ``events`` are in file order; use :func:`timeline.sort` for the
    documented order. ``as_of_instant`` is the first instant after the as-of day (epoch
    seconds), where ongoing periods end."""

    title: str
    events: tuple[Event, ...]
    as_of: Date
    as_of_instant: int
    tz: tzinfo
    subtitle: str | None = None
    locale: str = "en"
    timezone: str = "UTC"
    as_of_given: bool = False
    sources: dict[str, Source] = field(default_factory=dict, hash=False)
    groups: dict[str, Group] = field(default_factory=dict, hash=False)
    eras: tuple[Era, ...] = ()
    views: dict[str, View] = field(default_factory=dict, hash=False)
    translations: Translations = field(default_factory=dict, hash=False)
    path: str = "timeline.yaml"
    #: Ids of events the loader had to leave out because they had errors.
    broken_ids: frozenset[str] = frozenset()
    #: Where each view is defined in the file, for diagnostics.
    view_where: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, hash=False)
    #: Where each top-level value is in the file, for diagnostics.
    where: dict[str, Where] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def bounds(self, when: When) -> tuple[int, int]:
        """First instant and first instant after ``when`` in this chronology's time zone."""
        return when.bounds(self.tz, self.as_of_instant)

    def view(self, name: str) -> View:
        """The named view; the default view when the file defines none."""
        if not self.views and name == DEFAULT_VIEW:
            return View(DEFAULT_VIEW)
        return self.views[name]

    def view_names(self) -> list[str]:
        return list(self.views) or [DEFAULT_VIEW]
