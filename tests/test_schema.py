"""The editor schema (``timeline schema``) agrees with the validator."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import DateError, parse_date, parse_when
from timeline.loader import _nodes as yn
from timeline.loader.validate import check_bytes
from timeline.schema import DATE_PATTERN, WHEN_PATTERN, schema, schema_json
from timeline.spec import FORMAT

from .conftest import DATA, SAMPLE

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def as_editor_reads(node: yn.Node | None) -> Any:
    """The data an editor sees: YAML 1.2 core schema (``2011`` a number, ``no`` text)."""
    if node is None:
        return None
    if isinstance(node, yn.Mapping):
        return {k.value: as_editor_reads(v) for k, v in node.items}
    if isinstance(node, yn.Sequence):
        return [as_editor_reads(v) for v in node.items]
    value = node.value
    if node.style is not None:
        return value
    if node.is_null:
        return None
    if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return value.lower() == "true"
    if _INT.fullmatch(value):
        return int(value, 10)
    if value.startswith(("0o", "0x")):
        return int(value[2:], 8 if value[1] == "o" else 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _data(text: str) -> Any:
    root, problems = yn.parse(text.encode("utf-8"), "t.yaml")
    assert not problems
    return as_editor_reads(root)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def _valid_files() -> list[Path]:
    found = sorted((DATA / "fmt").glob("*/*.yaml")) + sorted((DATA / "valid").glob("*.yaml"))
    return ([SAMPLE] if SAMPLE.exists() else []) + found


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The schema itself passes the draft 2020-12 meta-schema."""
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_shipped_copy_equals_the_generated_schema() -> None:
    """The copy shipped in the package is exactly what `timeline schema` prints."""
    shipped = (files("timeline") / "data" / "timeline.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_json()
    assert json.loads(shipped) == schema()


def test_schema_has_the_validators_keys_with_descriptions() -> None:
    """Every mapping of the format lists exactly the validator's keys, each with hover help."""
    s = schema()
    defs = s["$defs"]
    tables = {"top": s, **{kind: defs[kind] for kind in FORMAT if kind != "top"}}
    for kind, table in tables.items():
        assert set(table["properties"]) == set(FORMAT[kind]), kind
        assert table["additionalProperties"] is False
        assert "^x-" in table["patternProperties"]
        for key, spec in table["properties"].items():
            assert spec["description"], (kind, key)


@pytest.mark.parametrize("path", _valid_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_valid_files_pass_the_schema(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    """The sample and every valid test file pass the schema as an editor reads them."""
    data = path.read_bytes()
    assert check_bytes(data, str(path)).ok
    errors = [e.message for e in validator.iter_errors(_data(data.decode("utf-8-sig")))]
    assert errors == []


BASE = "title: T\nsources: {s: {title: S}}\nevents:\n  - {date: 2011, title: x}\n"

INVALID = {
    "unknown top key": BASE + "colour: red\n",
    "unknown event key": "title: T\nevents:\n  - {date: 2011, title: x, titel: y}\n",
    "missing title": "events: []\n",
    "missing events": "title: T\n",
    "event without date": "title: T\nevents:\n  - {title: x}\n",
    "bad certainty": "title: T\nevents:\n  - {date: 2011, title: x, certainty: sure}\n",
    "bad importance": "title: T\nevents:\n  - {date: 2011, title: x, importance: 4}\n",
    "bad event id": "title: T\nevents:\n  - {id: Bad_Id, date: 2011, title: x}\n",
    "bad source id": "title: T\nsources: {Bad Id: {title: S}}\nevents: []\n",
    "day-first date": "title: T\nevents:\n  - {date: 15/03/2011, title: x}\n",
    "two-digit year": "title: T\nevents:\n  - {date: '11-03-15', title: x}\n",
    "month 13": "title: T\nevents:\n  - {date: 2011-13, title: x}\n",
    "time with a space": "title: T\nevents:\n  - {date: '2011-03-15 10:00', title: x}\n",
    "period with end": "title: T\nevents:\n  - {date: 2011/2012, end: 2013, title: x}\n",
    "period as_of": "title: T\nas_of: 2011/2012\nevents: []\n",
    "bad locale": "title: T\nlocale: xx\nevents: []\n",
    "bad colour": "title: T\ngroups: {g: {color: notacolour}}\nevents: []\n",
    "bad url": "title: T\nsources: {s: {title: S, url: 'javascript:alert(1)'}}\nevents: []\n",
    "source without title": "title: T\nsources: {s: {publisher: P}}\nevents: []\n",
    "empty title": "title:\nevents: []\n",
    "two-line title": 'title: "a\\nb"\nevents: []\n',
    "tags not a list": "title: T\nevents:\n  - {date: 2011, title: x, tags: war}\n",
    "translation into an unknown locale": "title: T\ntranslations: {xx: {title: X}}\nevents: []\n",
    "untranslatable key": (
        "title: T\nevents:\n  - {date: 2011, title: x, translations: {fr: {date: 2012}}}\n"
    ),
    "two-line translated title": 'title: T\ntranslations: {fr: {title: "a\\nb"}}\nevents: []\n',
    "translations not a mapping": "title: T\ngroups: {g: {translations: [fr]}}\nevents: []\n",
}


@pytest.mark.parametrize("text", INVALID.values(), ids=list(INVALID))
def test_invalid_cases_fail_both_the_validator_and_the_schema(
    text: str, validator: jsonschema.Draft202012Validator
) -> None:
    """What the schema can express as wrong, the validator also refuses, and vice versa."""
    assert not check_bytes(text.encode("utf-8")).ok
    assert list(validator.iter_errors(_data(text))), "the schema accepted it"


def test_extension_keys_are_allowed_everywhere(validator: jsonschema.Draft202012Validator) -> None:
    """'x-' keys pass the schema at the top level and inside every kind of mapping."""
    text = (
        "title: T\nx-a: 1\nsources: {s: {title: S, x-b: [1]}}\ngroups: {g: {x-c: yes}}\n"
        "eras: [{title: E, date: 2011, x-d: d}]\nevents:\n  - {date: 2011, title: x, x-e: {f: 1}}\n"
        "views: {v: {x-g: null}}\n"
    )
    assert check_bytes(text.encode("utf-8")).ok
    assert list(validator.iter_errors(_data(text))) == []


# Texts shaped like dates, from the grammar's pieces with some wrong ones mixed in. The only
# month is March: the schema cannot know that February has no 30th, and says so.
_PIECES = "2011 0000 1999 -03 -13 -00 -15 -31 -32 T10:30 T24:00 T10:60 :59 :60 Z +03:00 -0500"
_PIECES += " +14 +14:30 +15 ~ ? % / .. x"
_piece = st.sampled_from([*_PIECES.split(), " "])
_date_like = st.lists(_piece, min_size=1, max_size=6).map("".join)


def _parses(parse: Any, text: str) -> bool:
    try:
        parse(text)
    except DateError:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(_date_like)
def test_date_patterns_agree_with_the_date_grammar(text: str) -> None:
    """A text matches the schema's date patterns exactly when the tool reads it as a date
    (calendar checks aside)."""
    assert bool(re.search(DATE_PATTERN, text)) == _parses(parse_date, text)
    assert bool(re.search(WHEN_PATTERN, text)) == _parses(parse_when, text)
