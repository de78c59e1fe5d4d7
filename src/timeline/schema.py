"""A JSON Schema (draft 2020-12) of the chronology format, for editors' completion and hover.

It is built from the same tables the validator uses (:data:`timeline.loader.build.FORMAT`,
:data:`~timeline.loader.build.ID_RE`, the date grammar of :mod:`timeline.dates`), so the two agree.
Editors read YAML 1.2, where a plain ``2011`` is a number and ``true`` a boolean; the tool
reads both as the text written, so where the tool accepts text the schema accepts those too.

The schema cannot check what needs the whole file (that a group or source exists, unique
ids) or the calendar (30 February): ``timeline validate`` does.
"""

from __future__ import annotations

import json
from typing import Any

from timeline._colors import CSS_COLORS
from timeline.model import Certainty
from timeline.spec import (
    CHART_SIZES,
    EXTENSION_PREFIX,
    FORMAT,
    ID_RE,
    LAYOUTS,
    LOCALES,
    MAX_ID,
    MAX_TITLE,
    MAX_WORD,
    TRANSLATABLE,
)

__all__ = ["DATE_PATTERN", "SCHEMA_ID", "WHEN_PATTERN", "schema", "schema_json"]

SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"

_YEAR = "(?!0000)[0-9]{4}"
_MONTH = "(0[1-9]|1[0-2])"
_DAY = "(0[1-9]|[12][0-9]|3[01])"
_TIME = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?"
_OFFSET = "(Z|[+-](0[0-9]|1[0-3])(:?[0-5][0-9])?|[+-]14(:?00)?)"
_DATE = f"{_YEAR}(-{_MONTH}(-{_DAY}(T{_TIME}{_OFFSET}?)?)?)?[~?%]?"
#: A single date: ``2011``, ``2011-03``, ``2011-03-15``, ``2011-03-15T14:30+02:00``, ``2019~``.
DATE_PATTERN = f"^{_DATE}$"
#: A date or a period: ``A``, ``A/B``, ``A/..`` (ongoing), ``A/`` (end unknown).
WHEN_PATTERN = f"^{_DATE}(/({_DATE}|\\.\\.)?)?$"

_BIDI = "\u202a-\u202e\u2066-\u2069"
#: What no text may hold: control characters (but tab and line feed), CR, NEL, U+2028,
#: U+2029 and direction controls; a one-line field holds no tab or line feed either.
_NOT_TEXT = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + _BIDI
_NOT_LINE = "\x00-\x1f\x7f-\x9f\u2028\u2029" + _BIDI
_HEX = "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"
_URL = "^[hH][tT][tT][pP][sS]?://[^\\s<>\"']+$"

_DATE_HELP = (
    "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm], optionally followed by "
    "~ (approximate), ? (uncertain) or % (both)"
)
_WHEN_HELP = _DATE_HELP + "; or a period A/B, A/.. (still going on) or A/ (end unknown)"

_MORE = {
    ("top", "title"): "One line, up to 300 characters.",
    ("top", "as_of"): "A single date: " + _DATE_HELP + ".",
    ("event", "date"): _WHEN_HELP + ".",
    ("event", "end"): "A single date, or '..'. Not allowed when 'date' is already a period.",
    ("era", "date"): _WHEN_HELP + ".",
    ("source", "date"): _WHEN_HELP + ".",
    ("view", "from"): _WHEN_HELP + ".",
    ("view", "to"): _WHEN_HELP + ".",
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _describe(kind: str, key: str, spec: dict[str, Any]) -> dict[str, Any]:
    text = FORMAT[kind][key]
    description = text[0].upper() + text[1:] + "."
    more = _MORE.get((kind, key))
    if more:
        description += " " + more
    return {**spec, "description": description}


def _object(kind: str, properties: dict[str, dict[str, Any]], **extra: Any) -> dict[str, Any]:
    if kind in TRANSLATABLE:
        properties = {**properties, "translations": _translations(kind, properties)}
    assert set(properties) == set(FORMAT[kind]), kind
    return {
        "type": "object",
        "properties": {k: _describe(kind, k, v) for k, v in properties.items()},
        "patternProperties": {f"^{EXTENSION_PREFIX}": _ref("extension")},
        "additionalProperties": False,
        **extra,
    }


def _translations(kind: str, properties: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``translations``: locale -> the translatable keys of ``kind``, each as in ``kind``."""
    return {
        "type": ["object", "null"],
        "propertyNames": {"enum": list(LOCALES)},
        "additionalProperties": {
            "type": "object",
            "properties": {k: properties[k] for k in TRANSLATABLE[kind]},
            "patternProperties": {f"^{EXTENSION_PREFIX}": _ref("extension")},
            "additionalProperties": False,
        },
    }


def _id_map(item: dict[str, Any], nullable_items: bool) -> dict[str, Any]:
    value = {"anyOf": [item, {"type": "null"}]} if nullable_items else item
    return {
        "type": ["object", "null"],
        "propertyNames": _ref("id"),
        "additionalProperties": value,
    }


def _any_case(word: str) -> str:
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in word)


def _defs() -> dict[str, Any]:
    return {
        "id": {
            "description": "Lowercase letters, digits and '-', starting with a letter or digit.",
            "anyOf": [
                {"type": "string", "pattern": f"^{ID_RE.pattern}$", "maxLength": MAX_ID},
                {"type": "integer", "minimum": 0},
            ],
        },
        "line": {
            "anyOf": [
                {
                    "type": "string",
                    "pattern": f"^\\n*[^{_NOT_LINE}]+\\n*$",
                    "maxLength": MAX_TITLE,
                },
                {"type": ["number", "boolean"]},
            ]
        },
        "text": {
            "anyOf": [
                {"type": "string", "pattern": f"^[^{_NOT_TEXT}]+$"},
                {"type": ["number", "boolean"]},
            ]
        },
        "date": {
            "description": _DATE_HELP,
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
        },
        "when": {
            "description": _WHEN_HELP,
            "anyOf": [
                {"type": "string", "pattern": WHEN_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
        },
        "end": {"anyOf": [_ref("date"), {"const": ".."}]},
        "color": {
            "description": "A CSS colour name such as 'steelblue', or '#rrggbb'.",
            "anyOf": [
                {"enum": sorted(CSS_COLORS)},
                {"type": "string", "pattern": _HEX},
                {
                    "type": "string",
                    "pattern": "^(" + "|".join(_any_case(c) for c in sorted(CSS_COLORS)) + ")$",
                },
            ],
        },
        "url": {"type": "string", "pattern": _URL},
        "words": {
            "type": "array",
            "items": {
                "anyOf": [
                    {"type": "string", "pattern": f"^[^{_NOT_LINE}]+$", "maxLength": MAX_WORD},
                    {"type": ["number", "boolean"]},
                ]
            },
        },
        "ids": {"type": "array", "items": _ref("id")},
        "importance": {"enum": [1, 2, 3, "1", "2", "3"]},
        "extension": {"description": "Free for your own use; timeline ignores it."},
        "event": _object(
            "event",
            {
                "id": _ref("id"),
                "date": _ref("when"),
                "end": _ref("end"),
                "title": _ref("line"),
                "summary": _ref("text"),
                "group": _ref("id"),
                "tags": _ref("words"),
                "place": _ref("line"),
                "sources": _ref("ids"),
                "certainty": {"enum": [c.value for c in Certainty]},
                "importance": _ref("importance"),
                "related": _ref("ids"),
            },
            required=["date", "title"],
            # 'end' cannot be given when 'date' is already a period.
            dependentSchemas={
                "end": {"properties": {"date": {"not": {"type": "string", "pattern": "/"}}}}
            },
        ),
        "source": _object(
            "source",
            {
                "title": _ref("line"),
                "publisher": _ref("line"),
                "date": _ref("when"),
                "url": _ref("url"),
                "note": _ref("text"),
            },
            required=["title"],
        ),
        "group": _object("group", {"label": _ref("line"), "color": _ref("color")}),
        "era": _object(
            "era",
            {
                "title": _ref("line"),
                "date": _ref("when"),
                "end": _ref("end"),
                "color": _ref("color"),
            },
            required=["title", "date"],
            dependentSchemas={
                "end": {"properties": {"date": {"not": {"type": "string", "pattern": "/"}}}}
            },
        ),
        "view": _object(
            "view",
            {
                "title": _ref("line"),
                "subtitle": _ref("line"),
                "from": _ref("when"),
                "to": _ref("when"),
                "groups": _ref("ids"),
                "tags": _ref("words"),
                "min_importance": _ref("importance"),
                "omit_below": _ref("importance"),
                "size": {"enum": list(CHART_SIZES)},
                "layout": {"enum": list(LAYOUTS)},
            },
        ),
    }


def schema() -> dict[str, Any]:
    """The JSON Schema of a chronology file, as a dict ready for ``json.dumps``."""
    top = _object(
        "top",
        {
            "title": _ref("line"),
            "subtitle": _ref("line"),
            "as_of": _ref("date"),
            "locale": {"enum": list(LOCALES)},
            "timezone": {"type": "string", "examples": ["UTC", "Europe/Paris", "Asia/Damascus"]},
            "sources": _id_map(_ref("source"), nullable_items=False),
            "groups": _id_map(_ref("group"), nullable_items=True),
            "eras": {"type": ["array", "null"], "items": _ref("era")},
            "events": {"type": ["array", "null"], "items": _ref("event")},
            "views": _id_map(_ref("view"), nullable_items=True),
        },
        required=["title", "events"],
    )
    return {
        "$schema": SCHEMA_ID,
        "title": "timeline chronology",
        "description": "A chronology for the timeline tool: one YAML file of dated events.",
        **top,
        "$defs": _defs(),
    }


def schema_json() -> str:
    """The schema as the JSON text ``timeline schema`` prints (ends with a line break)."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
