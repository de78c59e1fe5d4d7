"""``json``: the whole chronology as documented JSON, and back.

Every date is given as written (``when``, ``date``, ``end``) and as the range it means
(``range``: first instant and first instant after, ISO 8601 in UTC; ongoing periods end at
``as_of``). :data:`SCHEMA` is the JSON Schema of the output; ``docs/interop.md`` lists every
field. Reading is in :mod:`._json_read`.
"""

from __future__ import annotations

import json
from typing import Any

from timeline.dates import When
from timeline.formats._common import iso_instant, split_when
from timeline.formats._draft import Draft, Notes
from timeline.formats._json_read import FORMAT_NAME, VERSION
from timeline.formats._json_read import read as read_draft
from timeline.model import Era, Event, Source, Timeline, View
from timeline.spec import CHART_SIZES, LAYOUTS, LOCALES, TRANSLATABLE

__all__ = ["FORMAT_NAME", "SCHEMA", "VERSION", "export", "read"]


def export(timeline: Timeline, events: list[Event], view: View | None) -> str:
    """The chronology (only ``events`` of it) as JSON text."""
    t = timeline
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": VERSION,
        "title": t.title,
        "subtitle": t.subtitle,
        "locale": t.locale,
        "timezone": t.timezone,
        "as_of": {
            "date": t.as_of.text,
            "given": t.as_of_given,
            "end": iso_instant(t.as_of_instant),
        },
        "view": _view(view) if view is not None else None,
        "sources": [_source(s) for s in t.sources.values()],
        "groups": [
            {"id": g.id, "label": g.label, "color": g.color, "translations": g.translations}
            for g in t.groups.values()
        ],
        "eras": [_era(t, era) for era in t.eras],
        "views": [_view(v) for v in t.views.values()],
        "events": [_event(t, e) for e in events],
        "translations": t.translations,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _when(t: Timeline, when: When) -> dict[str, Any]:
    date, end = split_when(when)
    start, stop = t.bounds(when)
    return {
        "when": when.text,
        "date": when.start.text if when.end_kind.value == "unknown" else date,
        "end": end,
        "end_kind": when.end_kind.value,
        "precision": when.start.precision.name.lower(),
        "range": {"start": iso_instant(start), "end": iso_instant(stop)},
    }


def _event(t: Timeline, e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        **_when(t, e.when),
        "title": e.title,
        "summary": e.summary,
        "group": e.group,
        "tags": list(e.tags),
        "place": e.place,
        "sources": list(e.sources),
        "certainty": e.certainty.value,
        "importance": e.importance,
        "related": list(e.related),
        "translations": e.translations,
    }


def _era(t: Timeline, era: Era) -> dict[str, Any]:
    return {
        "title": era.title,
        **_when(t, era.when),
        "color": era.color,
        "translations": era.translations,
    }


def _source(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "publisher": s.publisher,
        "date": s.date.text if s.date else None,
        "url": s.url,
        "note": s.note,
    }


def _view(v: View) -> dict[str, Any]:
    return {
        "name": v.name,
        "title": v.title,
        "subtitle": v.subtitle,
        "from": v.start.text if v.start else None,
        "to": v.stop.text if v.stop else None,
        "groups": list(v.groups),
        "tags": list(v.tags),
        "min_importance": v.min_importance,
        "omit_below": v.omit_below,
        "size": v.size,
        "layout": v.layout,
        "translations": v.translations,
    }


# -- the schema ----------------------------------------------------------------------------

_TEXT = {"type": "string"}
_OPT_TEXT = {"type": ["string", "null"]}
_WORDS = {"type": "array", "items": _TEXT}
_INSTANT = {"type": "string", "pattern": r"^[+-]?[0-9]{4,5}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$"}
_WHEN_PROPS: dict[str, Any] = {
    "when": _TEXT,
    "date": _TEXT,
    "end": _OPT_TEXT,
    "end_kind": {"enum": ["point", "date", "ongoing", "unknown"]},
    "precision": {"enum": ["year", "month", "day", "minute", "second"]},
    "range": {
        "type": "object",
        "properties": {"start": _INSTANT, "end": _INSTANT},
        "required": ["start", "end"],
        "additionalProperties": False,
    },
}


def _translations(kind: str) -> dict[str, Any]:
    """``translations``: locale -> the texts of ``kind`` the file translates."""
    return {
        "type": "object",
        "propertyNames": {"enum": list(LOCALES)},
        "additionalProperties": {
            "type": "object",
            "properties": dict.fromkeys(TRANSLATABLE[kind], _TEXT),
            "additionalProperties": False,
        },
    }


def _obj(props: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


_VIEW = _obj(
    {
        "name": _TEXT,
        "title": _OPT_TEXT,
        "subtitle": _OPT_TEXT,
        "from": _OPT_TEXT,
        "to": _OPT_TEXT,
        "groups": _WORDS,
        "tags": _WORDS,
        "min_importance": {"enum": [1, 2, 3]},
        "omit_below": {"enum": [1, 2, 3]},
        "size": {"enum": [*CHART_SIZES, None]},
        "layout": {"enum": list(LAYOUTS)},
        "translations": _translations("view"),
    }
)

#: JSON Schema (draft 2020-12) of what :func:`export` writes.
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "timeline JSON export",
    **_obj(
        {
            "format": {"const": FORMAT_NAME},
            "version": {"const": VERSION},
            "title": _TEXT,
            "subtitle": _OPT_TEXT,
            "locale": {"enum": list(LOCALES)},
            "timezone": _TEXT,
            "as_of": _obj({"date": _TEXT, "given": {"type": "boolean"}, "end": _INSTANT}),
            "view": {"oneOf": [{"type": "null"}, _VIEW]},
            "sources": {
                "type": "array",
                "items": _obj(
                    {
                        "id": _TEXT,
                        "title": _TEXT,
                        "publisher": _OPT_TEXT,
                        "date": _OPT_TEXT,
                        "url": _OPT_TEXT,
                        "note": _OPT_TEXT,
                    }
                ),
            },
            "groups": {
                "type": "array",
                "items": _obj(
                    {
                        "id": _TEXT,
                        "label": _TEXT,
                        "color": _OPT_TEXT,
                        "translations": _translations("group"),
                    }
                ),
            },
            "eras": {
                "type": "array",
                "items": _obj(
                    {
                        "title": _TEXT,
                        **_WHEN_PROPS,
                        "color": _OPT_TEXT,
                        "translations": _translations("era"),
                    }
                ),
            },
            "views": {"type": "array", "items": _VIEW},
            "events": {
                "type": "array",
                "items": _obj(
                    {
                        "id": _TEXT,
                        **_WHEN_PROPS,
                        "title": _TEXT,
                        "summary": _OPT_TEXT,
                        "group": _OPT_TEXT,
                        "tags": _WORDS,
                        "place": _OPT_TEXT,
                        "sources": _WORDS,
                        "certainty": {"enum": ["confirmed", "reported", "claimed", "disputed"]},
                        "importance": {"enum": [1, 2, 3]},
                        "related": _WORDS,
                        "translations": _translations("event"),
                    }
                ),
            },
            "translations": _translations("top"),
        }
    ),
}


def read(text: str, notes: Notes) -> Draft | None:
    """A draft from our own JSON export; problems go to ``notes``."""
    return read_draft(text, notes)
