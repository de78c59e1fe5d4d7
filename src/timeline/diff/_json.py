"""The changes as documented JSON, for CI and other tools (``docs/changes.md`` lists every
field; :data:`SCHEMA` is its JSON Schema).

Values are given as the file writes them: dates in their canonical EDTF spelling
(``2011-03``, ``2016-07/2016-12-22``), certainties as words, lists as arrays. A changed
date also comes as words (``old_text``, ``new_text``) with whether precision was gained or
lost; a changed list also says which items were added and removed.
"""

from __future__ import annotations

import json
from typing import Any

from timeline.dates import Date, When
from timeline.diff._changes import Changes, EventChange, FieldChange, Item, ItemChange
from timeline.diff._git import Commit
from timeline.diff._words import when_text
from timeline.model import Certainty, Era, Event, Group, Source, View

__all__ = ["FORMAT_NAME", "SCHEMA", "VERSION", "render_json"]

FORMAT_NAME = "timeline-diff"
VERSION = 1


def render_json(
    changes: Changes, *, old_commit: Commit | None = None, new_commit: Commit | None = None
) -> str:
    """The changes as JSON text ending with a newline."""
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": VERSION,
        "old": _side(changes.old.path, old_commit),
        "new": _side(changes.new.path, new_commit),
        "changed": bool(changes),
        "summary": _summary(changes),
        "events": [_event_change(c) for c in changes.events],
        "sources": [_item_change(c) for c in changes.sources],
        "groups": [_item_change(c) for c in changes.groups],
        "eras": [_item_change(c) for c in changes.eras],
        "views": [_item_change(c) for c in changes.views],
        "settings": [_field(f) for f in changes.settings],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _side(label: str, commit: Commit | None) -> dict[str, Any]:
    return {
        "label": label,
        "commit": None
        if commit is None
        else {"sha": commit.sha, "date": commit.date, "subject": commit.subject},
    }


def _summary(changes: Changes) -> dict[str, Any]:
    def counts(kinds: list[str]) -> dict[str, int]:
        return {k: kinds.count(k) for k in ("added", "removed", "changed")}

    return {
        "events": counts([c.kind for c in changes.events]),
        "sources": counts([c.kind for c in changes.sources]),
        "groups": counts([c.kind for c in changes.groups]),
        "eras": counts([c.kind for c in changes.eras]),
        "views": counts([c.kind for c in changes.views]),
        "settings": len(changes.settings),
    }


def _value(value: object) -> Any:
    if isinstance(value, When | Date):
        return value.text
    if isinstance(value, Certainty):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _field(f: FieldChange) -> dict[str, Any]:
    out: dict[str, Any] = {
        "field": f.field,
        "change": f.label,
        "old": _value(f.old),
        "new": _value(f.new),
    }
    if isinstance(f.old, When) or isinstance(f.new, When):
        out["old_text"] = when_text(f.old) if isinstance(f.old, When) else None
        out["new_text"] = when_text(f.new) if isinstance(f.new, When) else None
        out["precision"] = f.precision
        out["narrowed"] = f.narrowed
    if (isinstance(f.old, tuple) or isinstance(f.new, tuple)) and not f.field.endswith("_order"):
        out["added"] = list(f.added)
        out["removed"] = list(f.removed)
    return out


def _event(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "date": e.when.text,
        "title": e.title,
        "summary": e.summary,
        "group": e.group,
        "place": e.place,
        "tags": list(e.tags),
        "sources": list(e.sources),
        "certainty": e.certainty.value,
        "importance": e.importance,
        "related": list(e.related),
    }


def _event_change(c: EventChange) -> dict[str, Any]:
    out: dict[str, Any] = {"change": c.kind, "id": c.id}
    if c.kind == "changed":
        assert c.old is not None
        out["old_id"] = c.old.id
        out["matched_by"] = c.matched_by
        out["fields"] = [_field(f) for f in c.fields]
    else:
        out["event"] = _event(c.event)
    return out


def _item(item: Item) -> dict[str, Any]:
    if isinstance(item, Source):
        return {
            "id": item.id,
            "title": item.title,
            "publisher": item.publisher,
            "date": item.date.text if item.date else None,
            "url": item.url,
            "note": item.note,
        }
    if isinstance(item, Group):
        return {"id": item.id, "label": item.label, "color": item.color}
    if isinstance(item, Era):
        return {"title": item.title, "date": item.when.text, "color": item.color}
    assert isinstance(item, View)
    return {
        "name": item.name,
        "title": item.title,
        "subtitle": item.subtitle,
        "from": item.start.text if item.start else None,
        "to": item.stop.text if item.stop else None,
        "groups": list(item.groups),
        "tags": list(item.tags),
        "min_importance": item.min_importance,
        "layout": item.layout,
    }


def _item_change(c: ItemChange) -> dict[str, Any]:
    out: dict[str, Any] = {"change": c.kind, "key": c.key}
    if c.kind == "changed":
        out["fields"] = [_field(f) for f in c.fields]
    else:
        item = c.new or c.old
        assert item is not None
        out["item"] = _item(item)
    return out


# -- the schema ----------------------------------------------------------------------------

_TEXT = {"type": "string"}
_OPT_TEXT = {"type": ["string", "null"]}
_LIST = {"type": "array", "items": _TEXT}
_KIND = {"enum": ["added", "removed", "changed"]}
_ANY = {"type": ["string", "integer", "array", "null"]}

_FIELD: dict[str, Any] = {
    "type": "object",
    "required": ["field", "change", "old", "new"],
    "additionalProperties": False,
    "properties": {
        "field": _TEXT,
        "change": _TEXT,
        "old": _ANY,
        "new": _ANY,
        "old_text": _OPT_TEXT,
        "new_text": _OPT_TEXT,
        "precision": {"enum": ["gained", "lost", None]},
        "narrowed": {"type": "boolean"},
        "added": _LIST,
        "removed": _LIST,
    },
}

_EVENT: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "id",
        "date",
        "title",
        "summary",
        "group",
        "place",
        "tags",
        "sources",
        "certainty",
        "importance",
        "related",
    ],
    "properties": {
        "id": _TEXT,
        "date": _TEXT,
        "title": _TEXT,
        "summary": _OPT_TEXT,
        "group": _OPT_TEXT,
        "place": _OPT_TEXT,
        "tags": _LIST,
        "sources": _LIST,
        "certainty": {"enum": ["confirmed", "reported", "claimed", "disputed"]},
        "importance": {"enum": [1, 2, 3]},
        "related": _LIST,
    },
}

_EVENT_CHANGE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["change", "id"],
    "properties": {
        "change": _KIND,
        "id": _TEXT,
        "old_id": _TEXT,
        "matched_by": {"enum": ["id", "date and title", "all but the title", "all but the date"]},
        "fields": {"type": "array", "items": _FIELD},
        "event": _EVENT,
    },
}

_ITEM_CHANGE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["change", "key"],
    "properties": {
        "change": _KIND,
        "key": _TEXT,
        "fields": {"type": "array", "items": _FIELD},
        "item": {"type": "object"},
    },
}

_COUNTS: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["added", "removed", "changed"],
    "properties": {k: {"type": "integer", "minimum": 0} for k in ("added", "removed", "changed")},
}

_SIDE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["label", "commit"],
    "properties": {
        "label": _TEXT,
        "commit": {
            "type": ["object", "null"],
            "additionalProperties": False,
            "required": ["sha", "date", "subject"],
            "properties": {"sha": _TEXT, "date": _TEXT, "subject": _TEXT},
        },
    },
}

#: The JSON Schema (draft 2020-12) of :func:`render_json`'s output.
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "timeline diff output",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "format",
        "version",
        "old",
        "new",
        "changed",
        "summary",
        "events",
        "sources",
        "groups",
        "eras",
        "views",
        "settings",
    ],
    "properties": {
        "format": {"const": FORMAT_NAME},
        "version": {"const": VERSION},
        "old": _SIDE,
        "new": _SIDE,
        "changed": {"type": "boolean"},
        "summary": {
            "type": "object",
            "additionalProperties": False,
            "required": ["events", "sources", "groups", "eras", "views", "settings"],
            "properties": {
                **dict.fromkeys(("events", "sources", "groups", "eras", "views"), _COUNTS),
                "settings": {"type": "integer", "minimum": 0},
            },
        },
        "events": {"type": "array", "items": _EVENT_CHANGE},
        **{
            k: {"type": "array", "items": _ITEM_CHANGE}
            for k in ("sources", "groups", "eras", "views")
        },
        "settings": {"type": "array", "items": _FIELD},
    },
}
