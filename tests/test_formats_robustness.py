"""Importing any file either works or fails with ``file:line:col`` errors, never a crash."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import check_bytes
from timeline.formats import ImportFailed, ImportResult, import_bytes

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["2011", "13", "-5", "", "2:30 PM", "<p>a</p>", "https://a.example/x"]),
)
_TIMELINEJS_KEYS = st.sampled_from(
    [
        "events",
        "title",
        "eras",
        "scale",
        "start_date",
        "end_date",
        "text",
        "headline",
        "media",
        "url",
        "caption",
        "credit",
        "thumbnail",
        "group",
        "display_date",
        "unique_id",
        "background",
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "millisecond",
        "format",
        "autolink",
        "color",
        "x",
    ]
)
_OUR_KEYS = st.sampled_from(
    [
        "format",
        "version",
        "title",
        "subtitle",
        "locale",
        "timezone",
        "as_of",
        "sources",
        "groups",
        "eras",
        "views",
        "events",
        "id",
        "when",
        "date",
        "given",
        "label",
        "color",
        "name",
        "from",
        "to",
        "tags",
        "related",
        "certainty",
        "importance",
        "summary",
        "place",
        "url",
        "note",
        "publisher",
        "min_importance",
        "x",
    ]
)


def _json_values(keys: st.SearchStrategy[str], extra: list[str]) -> st.SearchStrategy[Any]:
    leaves = _SCALARS | st.sampled_from(extra)
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
        max_leaves=40,
    )


def _import(data: bytes, file: str, fmt: str) -> ImportResult | None:
    """Import; an ImportFailed must carry positioned errors; a result must load cleanly."""
    try:
        result = import_bytes(data, file, fmt)
    except ImportFailed as exc:
        failed = exc
    else:
        assert check_bytes(result.text.encode("utf-8")).errors == []
        return result
    assert failed.diagnostics
    assert all(d.file == file and d.line >= 1 and d.col >= 1 for d in failed.diagnostics)
    return None


@_SETTINGS
@given(
    st.lists(_json_values(_TIMELINEJS_KEYS, ["2011", "7"]), max_size=4),
    st.dictionaries(_TIMELINEJS_KEYS, _json_values(_TIMELINEJS_KEYS, ["human"]), max_size=3),
)
def test_any_timelinejs_json_imports_or_fails_cleanly(
    events: list[Any], rest: dict[str, Any]
) -> None:
    """TimelineJS JSON of any shape gives a valid chronology or positioned errors."""
    _import(json.dumps({**rest, "events": events}).encode(), "x.json", "timelinejs")


@_SETTINGS
@given(_json_values(_OUR_KEYS, ["timeline-json", "2011-03", "2011/..", "UTC", "a"]))
def test_any_json_export_lookalike_imports_or_fails_cleanly(body: Any) -> None:
    """Our JSON layout with any content gives a valid chronology or positioned errors."""
    doc = {"format": "timeline-json", "version": 1, "title": "T"}
    if isinstance(body, dict):
        doc.update(body)
    _import(json.dumps(doc).encode(), "x.json", "json")


_CELLS = st.text(st.sampled_from(list("ab1209-/:;,\"'=\n ~?%T.")), max_size=12) | st.sampled_from(
    ["..", "2011", "claimed", "3", "2011-02-30", "12:30 PM"]
)
_HEADERS = [
    "id",
    "date",
    "end",
    "title",
    "summary",
    "group",
    "tags",
    "place",
    "sources",
    "certainty",
    "importance",
    "related",
    "Year",
    "Month",
    "Day",
    "Time",
    "Headline",
    "Text",
    "Media",
    "Type",
]


@_SETTINGS
@given(
    st.lists(st.sampled_from(_HEADERS), min_size=1, max_size=8, unique=True),
    st.lists(st.lists(_CELLS, max_size=7), max_size=6),
    st.sampled_from(["csv", "timelinejs"]),
)
def test_any_spreadsheet_imports_or_fails_cleanly(
    header: list[str], rows: list[list[str]], fmt: str
) -> None:
    """A CSV file with any header and cells gives a valid chronology or positioned errors."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    _import(buffer.getvalue().encode(), "x.csv", fmt)


@_SETTINGS
@given(st.binary(max_size=200), st.sampled_from(["csv", "timelinejs", "json"]))
def test_any_bytes_import_or_fail_cleanly(data: bytes, fmt: str) -> None:
    """Arbitrary bytes never crash an importer."""
    _import(data, "x.json" if fmt == "json" else "x.csv", fmt)
