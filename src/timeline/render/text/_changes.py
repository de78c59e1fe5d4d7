"""The "What changed since …" section of the text chronologies, and the "new" and
"updated" mark of each entry.

The writers take the changes as :class:`ChangeNotes`: any object with these attributes
(:class:`timeline.diff.RenderNotes` is one), so rendering does not depend on how changes
are found. The words are the chronology's language's (:mod:`timeline.i18n.words`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from timeline.i18n.phrases import Part, when_parts
from timeline.i18n.words import words
from timeline.model import Event, View
from timeline.render.text._outline import capitalize, one_line

__all__ = [
    "ChangeItem",
    "ChangeNotes",
    "ChangesSection",
    "SectionItem",
    "changes_section",
    "notes_key",
]


class ChangeItem(Protocol):
    """An event that is new, updated or removed since the earlier version."""

    @property
    def kind(self) -> str:
        """``new``, ``updated`` or ``removed``."""

    @property
    def event(self) -> Event:
        """The event as it is now (as it was, for a removed one)."""

    @property
    def fields(self) -> tuple[str, ...]:
        """The keys that changed (``date``, ``certainty`` ...), for an updated event."""

    @property
    def views(self) -> frozenset[str] | None:
        """For a removed event, the views that showed it; None for the others."""


class ChangeNotes(Protocol):
    """Changes since an earlier version, as the text outputs show them."""

    @property
    def since(self) -> str:
        """How the earlier version is named in the heading."""

    @property
    def marks(self) -> Mapping[str, str]:
        """``new`` or ``updated``, by event id."""

    @property
    def items(self) -> Sequence[ChangeItem]:
        """The section's items, in the documented order."""


@dataclass(frozen=True, slots=True)
class SectionItem:
    """One line of the section, in the output's language."""

    kind: str
    #: The capitalised word for the kind: "New", "Nouveau".
    word: str
    title: str
    when: tuple[Part, ...]
    date: str
    #: What changed, for an updated event: "date, certainty".
    what: str | None
    #: The event's id, to link to its entry (None for a removed event).
    anchor: str | None


@dataclass(frozen=True, slots=True)
class ChangesSection:
    heading: str
    items: tuple[SectionItem, ...]
    #: The mark of each entry, by event id: (kind, capitalised word).
    marks: dict[str, tuple[str, str]]


def changes_section(
    notes: ChangeNotes, view: View, events: list[Event], locale: str
) -> ChangesSection:
    """The section for one view: the new and updated events it shows, and the removed
    events it showed."""
    w = words(locale)
    shown = {e.id for e in events}
    items = []
    for item in notes.items:
        e = item.event
        if item.kind == "removed":
            if item.views is not None and view.name not in item.views:
                continue
        elif e.id not in shown:
            continue
        parts = when_parts(e.when, locale=locale)
        what = w.comma.join(w.change.get(f, f) for f in item.fields) if item.fields else None
        items.append(
            SectionItem(
                item.kind,
                capitalize(w.change[item.kind], locale),
                one_line(e.title),
                parts,
                "".join(t for t, _ in parts),
                what,
                e.id if item.kind != "removed" else None,
            )
        )
    marks = {
        eid: (kind, capitalize(w.change[kind], locale))
        for eid, kind in notes.marks.items()
        if eid in shown
    }
    return ChangesSection(w.changes_since.format(notes.since), tuple(items), marks)


def notes_key(notes: ChangeNotes | None) -> str:
    """A digest of everything in ``notes`` the outputs show (the heading's name for the
    earlier version, each mark, each section item), the same in every run: the render cache
    keys on it, so showing changes since another version renders again."""
    if notes is None:
        return ""
    h = hashlib.sha256(notes.since.encode("utf-8"))
    for eid, kind in sorted(notes.marks.items()):
        h.update(f"\0m{eid}\0{kind}".encode())
    for item in notes.items:
        views = "" if item.views is None else ",".join(sorted(item.views))
        text = f"\0i{item.kind}\0{item.event!r}\0{','.join(item.fields)}\0{views}"
        h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()
