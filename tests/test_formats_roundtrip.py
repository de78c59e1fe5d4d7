"""import(export(x)) == x for ``json`` (the whole chronology) and ``csv`` (its events)."""

from __future__ import annotations

import calendar
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import Timeline, check_bytes, load
from timeline.formats import export, import_bytes

from .conftest import DATA, SAMPLE

SMALL = DATA / "formats" / "small.yaml"
EXAMPLES = [SAMPLE, SMALL]

EVENT_FIELDS = (
    "id",
    "title",
    "summary",
    "group",
    "tags",
    "place",
    "sources",
    "certainty",
    "importance",
    "related",
)


def _event_rows(t: Timeline) -> list[tuple[Any, ...]]:
    """Every event field a chronology defines (its date as canonical text), by id (an
    import is written in the canonical form, which sorts the events by date)."""
    rows = [(e.when.text, *(getattr(e, name) for name in EVENT_FIELDS)) for e in t.events]
    return sorted(rows, key=lambda row: str(row[1]))


def _assert_same_chronology(a: Timeline, b: Timeline) -> None:
    """The two chronologies agree on every field the format has."""
    assert (b.title, b.subtitle, b.locale, b.timezone) == (
        a.title,
        a.subtitle,
        a.locale,
        a.timezone,
    )
    assert (b.as_of, b.as_of_given, b.as_of_instant) == (a.as_of, a.as_of_given, a.as_of_instant)
    assert b.sources == a.sources
    assert b.groups == a.groups
    assert b.eras == a.eras
    assert b.views == a.views
    assert _event_rows(b) == _event_rows(a)


def _json_round_trip(t: Timeline) -> Timeline:
    return import_bytes(export(t, "json").encode("utf-8"), "export.json").timeline


def _csv_round_trip(t: Timeline) -> Timeline:
    return import_bytes(export(t, "csv").encode("utf-8"), "export.csv").timeline


@pytest.mark.parametrize("path", EXAMPLES, ids=["sample", "small"])
def test_json_round_trip_keeps_the_whole_chronology(path: Path) -> None:
    """Exporting to JSON and importing it gives back the same chronology, field by field."""
    t = load(path)
    _assert_same_chronology(t, _json_round_trip(t))


@pytest.mark.parametrize("path", EXAMPLES, ids=["sample", "small"])
def test_csv_round_trip_keeps_every_event_field(path: Path) -> None:
    """Exporting to CSV and importing it gives back every event, field by field (CSV holds
    events only: the title, sources' details and group labels are not in it)."""
    t = load(path)
    back = _csv_round_trip(t)
    assert _event_rows(back) == _event_rows(t)
    assert set(back.groups) == {e.group for e in t.events if e.group}


@pytest.mark.parametrize("path", EXAMPLES, ids=["sample", "small"])
def test_import_of_an_export_reports_nothing_lost(path: Path) -> None:
    """Our own JSON export imports without a single warning."""
    t = load(path)
    assert import_bytes(export(t, "json").encode(), "x.json").warnings == ()


def test_view_export_round_trips_its_events_and_drops_outside_links() -> None:
    """A view's JSON export imports as that view's events; links to events outside the
    view are reported, not kept."""
    t = load(SMALL)
    result = import_bytes(export(t, "json", view="north").encode(), "north.json")
    assert [e.id for e in result.timeline.events] == ["decade", "ongoing"]
    assert [w.message for w in result.warnings] == [
        "event 'ongoing': related event 'founding' is not in the file; the link is left out"
    ]


# -- generated chronologies -------------------------------------------------------------------

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: Characters that mean something to CSV, YAML, JSON, HTML or a spreadsheet, drawn often.
#: (Line breaks other than LF, U+2028 among them, and tabs in one-line fields are refused.)
_TRICKY = [*";\\,\"'=+-@#:%<>&[]{}|*!?~/. ", "\u00a0"]
_CHARS = st.sampled_from(_TRICKY) | st.characters(
    blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
    blacklist_characters=_BIDI + "\ufeff\ufffe\uffff",
)
_LINE = st.text(_CHARS, min_size=1, max_size=40).filter(lambda s: s.strip())
#: A text field holds something: blank text is refused like empty text.
_TEXT = st.text(_CHARS | st.sampled_from("\n\t "), min_size=1, max_size=80).filter(
    lambda s: s.strip()
)
_ID = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
_ZONES = ("UTC", "Etc/GMT-3")


@st.composite
def _date(draw: st.DrawFn) -> str:
    # Years 1 and 9999 are left out: in a zone east or west of UTC the loader's own range
    # arithmetic overflows there (reported separately); the exports handle them.
    year = draw(st.integers(2, 9998))
    precision = draw(st.integers(1, 5))
    text = f"{year:04d}"
    if precision >= 2:
        month = draw(st.integers(1, 12))
        text += f"-{month:02d}"
    if precision >= 3:
        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
        text += f"-{day:02d}"
    if precision >= 4:
        text += f"T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    if precision == 5:
        text += f":{draw(st.integers(0, 59)):02d}"
    if precision >= 4:
        text += draw(st.sampled_from(["", "Z", "+03:00", "-05:30"]))
    return text + draw(st.sampled_from(["", "", "~", "?", "%"]))


@st.composite
def _when(draw: st.DrawFn) -> tuple[str, str | None]:
    """A ``date`` and optional ``end`` that the loader accepts."""

    from timeline import parse_date

    start = draw(_date())
    kind = draw(st.sampled_from(["point", "point", "date", "ongoing", "unknown"]))
    if kind == "ongoing":
        return start, ".."
    if kind == "unknown":
        return start + "/", None
    if kind == "point":
        return start, None
    end = draw(_date())
    first = parse_date(start).bounds(UTC)[0]
    if parse_date(end).bounds(UTC)[1] <= first:
        start, end = end, start
        if parse_date(end).bounds(UTC)[1] <= parse_date(start).bounds(UTC)[0]:
            return start, None
    return start, end


@st.composite
def chronologies(draw: st.DrawFn, *, zones: tuple[str, ...] = _ZONES) -> bytes:
    """A valid timeline.yaml, written by PyYAML (not by our own writer)."""
    source_ids = draw(st.lists(_ID, min_size=1, max_size=3, unique=True))
    group_ids = draw(st.lists(_ID, max_size=3, unique=True))
    event_ids = draw(st.lists(_ID, min_size=1, max_size=6, unique=True))
    doc: dict[str, Any] = {"title": draw(_LINE), "timezone": draw(st.sampled_from(zones))}
    if draw(st.booleans()):
        doc["subtitle"] = draw(_LINE)
    if draw(st.booleans()):
        doc["as_of"] = draw(_date()).rstrip("~?%")
    doc["sources"] = {
        sid: {"title": draw(_LINE), "url": draw(st.sampled_from(["https://a.example/x?y=1&z"]))}
        for sid in source_ids
    }
    if group_ids:
        doc["groups"] = {
            gid: {"label": draw(_LINE), "color": draw(st.sampled_from(["red", "#1f77b4"]))}
            for gid in group_ids
        }
    eras = []
    for _ in range(draw(st.integers(0, 2))):
        date, end = draw(_when())
        eras.append({"title": draw(_LINE), "date": date, **({"end": end} if end else {})})
    if eras:
        doc["eras"] = eras
    events = []
    for eid in event_ids:
        date, end = draw(_when())
        event: dict[str, Any] = {"id": eid, "date": date}
        if end is not None:
            event["end"] = end
        event["title"] = draw(_LINE)
        optional: dict[str, Any] = {
            "summary": _TEXT,
            "group": st.sampled_from(group_ids) if group_ids else st.nothing(),
            "place": _LINE,
            "tags": st.lists(_LINE.map(str.strip), max_size=3),
            "sources": st.lists(st.sampled_from(source_ids), max_size=2, unique=True),
            "certainty": st.sampled_from(["confirmed", "reported", "claimed", "disputed"]),
            "importance": st.sampled_from(["1", "2", "3"]),
            "related": st.lists(st.sampled_from([i for i in event_ids if i != eid] or ["x"])),
        }
        for key, strategy in optional.items():
            if draw(st.booleans()) and not (key == "related" and len(event_ids) == 1):
                value = draw(strategy)
                if value != []:
                    event[key] = value
        events.append(event)
    doc["events"] = events
    if draw(st.booleans()) and group_ids:
        doc["views"] = {"v": {"groups": [group_ids[0]], "from": draw(_date()).rstrip("~?%")}}
    text: str = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    return text.encode("utf-8")


def _load(data: bytes) -> Timeline:
    report = check_bytes(data)
    assert report.errors == [], report.errors
    assert report.timeline is not None
    return report.timeline


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(chronologies())
def test_json_round_trip_of_generated_chronologies(data: bytes) -> None:
    """Any valid chronology survives JSON export and import unchanged."""
    t = _load(data)
    _assert_same_chronology(t, _json_round_trip(t))


@_SETTINGS
@given(chronologies())
def test_imports_of_generated_chronologies_are_already_formatted(data: bytes) -> None:
    """The text a JSON or CSV import writes is the text ``fmt`` makes of it: the importers'
    writer lays out and quotes as the canonical form does (imports do not run ``fmt``)."""
    from timeline.fmt import format_text

    t = _load(data)
    for fmt in ("json", "csv"):
        text = import_bytes(export(t, fmt).encode("utf-8"), f"export.{fmt}").text
        assert format_text(text) == text


@_SETTINGS
@given(chronologies(zones=("UTC",)))
def test_csv_round_trip_of_generated_chronologies(data: bytes) -> None:
    """Any valid chronology's events survive CSV export and import unchanged."""
    t = _load(data)
    assert _event_rows(_csv_round_trip(t)) == _event_rows(t)
