"""What changed between two versions of a chronology, as frozen data.

A :class:`Changes` holds every difference, classified: events added, removed and changed
(each change of an event named by the key of the file it concerns: ``date``, ``title``,
``certainty`` ...), and the same for sources, groups, eras and views, and the top-level
settings. It holds enough to rebuild the new version from the old one
(:func:`timeline.diff.apply`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from timeline.dates import Date, When
from timeline.model import Certainty, Era, Event, Group, Source, Timeline, View

__all__ = [
    "EVENT_FIELDS",
    "Changes",
    "EventChange",
    "FieldChange",
    "ItemChange",
    "Kind",
    "Matched",
    "Value",
]

#: How an item changed.
Kind = Literal["added", "removed", "changed"]
#: How an event of the old version was found in the new one.
Matched = Literal["id", "date and title", "all but the title", "all but the date"]
#: The value of one field: text, a number, a date, a certainty or a list of ids and words.
Value = str | int | Date | When | Certainty | tuple[str, ...] | None

#: The keys of an event a change can concern, in the order changes are listed.
EVENT_FIELDS = (
    "id",
    "date",
    "title",
    "summary",
    "certainty",
    "importance",
    "sources",
    "group",
    "place",
    "tags",
    "related",
)

#: What a change of each event key is called ("redated", not "date changed").
_LABELS = {
    "id": "renamed",
    "date": "redated",
    "title": "retitled",
    "summary": "summary changed",
    "certainty": "certainty changed",
    "importance": "importance changed",
    "sources": "sources changed",
    "group": "moved",
    "place": "place changed",
    "tags": "tags changed",
    "related": "related changed",
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One key whose value differs: its name in the file and both values.

    Lists (sources, tags, related, a view's groups) are compared as sets: their order means
    nothing to any output. ``precision`` says whether a new date is more ("gained") or less
    ("lost") precise than the old one; ``narrowed`` is True when the new date falls within
    what the old one could mean (a refinement rather than a correction).
    """

    field: str
    old: Value
    new: Value
    precision: Literal["gained", "lost"] | None = None
    narrowed: bool = False

    @property
    def label(self) -> str:
        """What the change is called: ``redated``, ``retitled``, ``moved`` ..."""
        return _LABELS.get(self.field, f"{self.field} changed")

    @property
    def added(self) -> tuple[str, ...]:
        """For a list: the items only the new value has, in its order."""
        old = self.old if isinstance(self.old, tuple) else ()
        new = self.new if isinstance(self.new, tuple) else ()
        return tuple(x for x in new if x not in old)

    @property
    def removed(self) -> tuple[str, ...]:
        """For a list: the items only the old value has, in its order."""
        old = self.old if isinstance(self.old, tuple) else ()
        new = self.new if isinstance(self.new, tuple) else ()
        return tuple(x for x in old if x not in new)


@dataclass(frozen=True, slots=True)
class EventChange:
    """An event added, removed or changed.

    ``old`` is None for an added event, ``new`` None for a removed one. ``matched_by`` says
    how a changed event was found: by its id, or (for an event without an id, or whose id
    changed) by its date and title. ``fields`` lists what changed, in :data:`EVENT_FIELDS`
    order.
    """

    kind: Kind
    old: Event | None
    new: Event | None
    fields: tuple[FieldChange, ...] = ()
    matched_by: Matched | None = None

    @property
    def id(self) -> str:
        """The event's id in the new version (in the old one for a removed event)."""
        event = self.new or self.old
        assert event is not None
        return event.id

    @property
    def event(self) -> Event:
        """The new version of the event (the old one for a removed event)."""
        event = self.new or self.old
        assert event is not None
        return event

    def field(self, name: str) -> FieldChange | None:
        """The change of key ``name``, if it changed."""
        return next((f for f in self.fields if f.field == name), None)


#: What the items of each section are.
Item = Source | Group | Era | View


@dataclass(frozen=True, slots=True)
class ItemChange:
    """A source, group, era or view added, removed or changed.

    ``key`` is its id (a view's name; an era's title). ``fields`` lists what changed.
    """

    section: Literal["sources", "groups", "eras", "views"]
    kind: Kind
    key: str
    old: Item | None
    new: Item | None
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class Changes:
    """Every difference between two versions of a chronology, classified.

    ``events`` are in the documented order of the chronology (a removed event where it
    was); ``settings`` are changes of the top-level keys (``title``, ``subtitle``,
    ``as_of``, ``locale``, ``timezone``) and of the order of groups (lanes) and views.
    A ``Changes`` is false when the two versions mean the same chronology.
    """

    old: Timeline = field(repr=False, compare=False)
    new: Timeline = field(repr=False, compare=False)
    events: tuple[EventChange, ...] = ()
    sources: tuple[ItemChange, ...] = ()
    groups: tuple[ItemChange, ...] = ()
    eras: tuple[ItemChange, ...] = ()
    views: tuple[ItemChange, ...] = ()
    settings: tuple[FieldChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(
            self.events or self.sources or self.groups or self.eras or self.views or self.settings
        )

    def count(self, kind: Kind) -> int:
        """How many events were ``kind`` (added, removed or changed)."""
        return sum(1 for c in self.events if c.kind == kind)

    def items(self) -> tuple[ItemChange, ...]:
        """The changes of sources, groups, eras and views, in that order."""
        return self.sources + self.groups + self.eras + self.views
