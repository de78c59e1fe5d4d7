"""What the rendered outputs say about changes since an earlier version: a "new" or
"updated" mark per event, and the items of a "What changed since …" section.

The notes hold no words: the text outputs write them in the chronology's language. They
only depend on the two versions, so outputs made with them stay deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from timeline.diff._changes import Changes
from timeline.model import Event
from timeline.query import select

__all__ = ["NoteItem", "RenderNotes", "render_notes"]

Mark = Literal["new", "updated"]


@dataclass(frozen=True, slots=True)
class NoteItem:
    """One line of the section: an event that is new, updated or removed.

    ``fields`` are the keys of the file that changed (``date``, ``certainty`` ...), for an
    updated event. ``views`` are the names of the views that showed a removed event in the
    old version (None for new and updated events, which each view shows if it selects them).
    """

    kind: Literal["new", "updated", "removed"]
    event: Event
    fields: tuple[str, ...] = ()
    views: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class RenderNotes:
    """Everything the outputs need to show changes since ``since`` (how the earlier version
    is named in the section heading, e.g. ``HEAD~3 (26 November 2024)``)."""

    since: str
    #: The mark of each new or updated event, by its id in the new version.
    marks: Mapping[str, Mark] = field(default_factory=dict)
    #: In the documented order of the chronology.
    items: tuple[NoteItem, ...] = ()


def render_notes(changes: Changes, since: str) -> RenderNotes:
    """The marks and section items of ``changes``.

    Only changes a reader of the event sees count: a change of id, tags or related events
    alone does not mark an event as updated.
    """
    marks: dict[str, Mark] = {}
    items: list[NoteItem] = []
    old = changes.old
    removed_views: dict[str, set[str]] = {}
    if any(c.kind == "removed" for c in changes.events):
        for name in old.view_names():
            for e in select(old, old.view(name)):
                removed_views.setdefault(e.id, set()).add(name)
    for c in changes.events:
        if c.kind == "added":
            marks[c.id] = "new"
            items.append(NoteItem("new", c.event))
        elif c.kind == "removed":
            views = frozenset(removed_views.get(c.id, ()))
            items.append(NoteItem("removed", c.event, views=views))
        else:
            seen = tuple(f.field for f in c.fields if f.field not in _UNSEEN)
            if seen:
                marks[c.id] = "updated"
                items.append(NoteItem("updated", c.event, seen))
    return RenderNotes(since, marks, tuple(items))


_UNSEEN = frozenset({"id", "tags", "related"})
