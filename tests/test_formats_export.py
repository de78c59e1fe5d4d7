"""``timeline export``: each format checked by a real parser or by the syntax rules it uses."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from timeline import EndKind, Event, Timeline, load, select
from timeline.cli import app
from timeline.formats import EXPORTERS, export, export_bytes, import_bytes
from timeline.formats.json_format import SCHEMA
from timeline.formats.markwhen import tag
from timeline.formats.mermaid import ESCAPED, sanitise

from .conftest import DATA, SAMPLE
from .test_formats_roundtrip import chronologies

runner = CliRunner()
SMALL = DATA / "formats" / "small.yaml"
EXAMPLES = [SAMPLE, SMALL]
IDS = ["sample", "small"]


@pytest.fixture(scope="module", params=EXAMPLES, ids=IDS)
def chronology(request: pytest.FixtureRequest) -> Timeline:
    """The sample chronology and the small fixture, loaded."""
    path: Path = request.param
    return load(path)


# -- every format -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_exports_are_deterministic(chronology: Timeline, fmt: str) -> None:
    """Exporting twice gives the same bytes (no clock, no random ids, no set order)."""
    assert export_bytes(chronology, fmt) == export_bytes(load(chronology.path), fmt)


def _exported_ids(t: Timeline, fmt: str, text: str | bytes) -> list[str]:
    """The ids (or, for diagrams, the titles) of the events in an export."""
    if isinstance(text, bytes):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(text))["Events"]
        return [str(row[0].value) for row in sheet.iter_rows(min_row=2)]
    if fmt == "json":
        return [e["id"] for e in json.loads(text)["events"]]
    if fmt == "csv":
        return [row[0] for row in list(csv.reader(io.StringIO(text, newline="")))[1:]]
    if fmt == "ics":
        return [
            str(e["UID"]).split("@")[0] for e in icalendar.Calendar.from_ical(text).walk("VEVENT")
        ]
    if fmt == "timelinejs":
        return [s["unique_id"] for s in json.loads(text)["events"]]
    if fmt == "mermaid":
        return check_mermaid(text)
    return [title for _, title, _, _ in check_markwhen(text)]


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_view_exports_only_that_views_events(fmt: str) -> None:
    """--view narrows every format to the events the view selects."""
    t = load(SMALL)
    chosen = [e for e in t.events if e.id in {x.id for x in select(t, t.view("north"))}]
    assert [e.id for e in chosen] == ["decade", "ongoing"]
    exported = export_bytes(t, fmt, view="north") if EXPORTERS[fmt].binary else None
    found = _exported_ids(t, fmt, exported or export(t, fmt, view="north"))
    if fmt == "mermaid":
        assert found == ["+Plus -minus @at, and #hash tag (disputed)", "Ongoing operation"]
    elif fmt == "markwhen":
        assert found == ["+Plus -minus @at, and ＃hash tag", "Ongoing operation"]
    else:
        assert found == ["decade", "ongoing"]


def test_export_command_writes_atomically_and_prints_to_stdout(tmp_path: Path) -> None:
    """Without -o the export goes to standard output; with -o it is written to the file."""
    to_stdout = runner.invoke(app, ["export", str(SMALL), "--to", "mermaid"])
    assert to_stdout.exit_code == 0
    assert to_stdout.stdout == export(load(SMALL), "mermaid")
    out = tmp_path / "small.ics"
    written = runner.invoke(app, ["export", str(SMALL), "--to", "ics", "-o", str(out)])
    assert written.exit_code == 0
    assert out.read_bytes() == export_bytes(load(SMALL), "ics")
    assert written.stderr == f"wrote {out}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["small.ics"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "pdf"], "timeline: error: unknown format 'pdf'"),
        (["--to", "ics", "--bom"], "timeline: error: --bom only applies to --to csv"),
        (["--to", "csv", "--view", "nope"], "timeline: error: no view named 'nope'"),
    ],
)
def test_export_bad_command_lines_exit_2(args: list[str], message: str) -> None:
    """Unknown formats and views, and --bom outside csv, are command-line errors."""
    result = runner.invoke(app, ["export", str(SMALL), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stdout == ""


def test_export_refuses_an_invalid_chronology(tmp_path: Path) -> None:
    """A file with errors is reported, exit 1, and nothing is exported."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nevents:\n  - {date: 2024-02-30, title: a}\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["export", str(bad), "--to", "csv", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bad}:3:20: error: 'date': day 30 does not exist: February 2024 has 29 days",
        f"{bad}: 1 error, 0 warnings",
    ]
    assert not out.exists()


def test_cli_start_does_not_import_heavy_modules() -> None:
    """Loading the command line imports neither icalendar nor matplotlib."""
    code = (
        "import sys, timeline.cli; "
        "print(sorted(m for m in ('icalendar', 'matplotlib') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# -- json ---------------------------------------------------------------------------------------


def test_json_export_matches_its_schema(chronology: Timeline) -> None:
    """The JSON export validates against the JSON Schema the docs publish."""
    jsonschema.validate(json.loads(export(chronology, "json")), SCHEMA)


def test_json_export_gives_dates_as_written_and_their_ranges() -> None:
    """Each event has its date text and its range as ISO instants in UTC."""
    doc = json.loads(export(load(SMALL), "json"))
    by_id = {e["id"]: e for e in doc["events"]}
    assert by_id["founding"]["when"] == "1851-06"
    assert by_id["founding"]["range"] == {
        "start": "1851-05-31T23:50:39Z",
        "end": "1851-06-30T23:50:39Z",
    }
    ongoing = by_id["ongoing"]
    assert (ongoing["date"], ongoing["end"], ongoing["end_kind"]) == ("2015-09-30", "..", "ongoing")
    assert ongoing["range"]["end"] == doc["as_of"]["end"] == "2024-11-30T23:00:00Z"
    assert by_id["unknown-end"]["when"] == "2019?/"


# -- csv ----------------------------------------------------------------------------------------


def test_csv_export_neutralises_formulas() -> None:
    """No cell starts a spreadsheet formula; such cells get a leading quote."""
    rows = list(csv.reader(io.StringIO(export(load(SMALL), "csv"), newline="")))
    assert rows[0] == [
        "id", "date", "end", "title", "summary", "group", "tags", "place", "sources",
        "certainty", "importance", "related",
    ]  # fmt: skip
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    titles = {row[0]: row[3] for row in rows[1:]}
    assert titles["old-year"] == '\'=HYPERLINK("http://evil.example","click")'
    assert titles["decade"] == "'+Plus -minus @at, and #hash tag"


def test_csv_bom_option_for_excel(tmp_path: Path) -> None:
    """--bom writes a UTF-8 byte-order mark first; the import reads it back."""
    out = tmp_path / "x.csv"
    result = runner.invoke(app, ["export", str(SMALL), "--to", "csv", "--bom", "-o", str(out)])
    assert result.exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,date,")
    assert len(import_bytes(data, "x.csv").timeline.events) == len(load(SMALL).events)


# -- ics ----------------------------------------------------------------------------------------


def _calendar(t: Timeline) -> Any:
    return icalendar.Calendar.from_ical(export(t, "ics"))


def test_ics_has_one_vevent_per_event_with_stable_uids(chronology: Timeline) -> None:
    """icalendar parses the export; one VEVENT per event, its UID made from the event id."""
    cal = _calendar(chronology)
    events = cal.walk("VEVENT")
    assert len(events) == len(chronology.events)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    domain = uids[0].split("@", 1)[1]
    assert sorted(uids) == sorted(f"{e.id}@{domain}" for e in chronology.events)
    assert domain.endswith(".timeline")


def test_ics_dates_are_what_each_event_means(chronology: Timeline) -> None:
    """DTSTART/DTEND match the event's range: all-day spans for dates (DTEND the day after),
    instants for times; ongoing periods end at as_of; DTSTAMP is as_of, not now."""
    t = chronology
    by_uid = {str(e["UID"]).split("@")[0]: e for e in _calendar(t).walk("VEVENT")}
    for e in t.events:
        ev = by_uid[e.id]
        start, stop = t.bounds(e.when)
        first = ev.decoded("DTSTART")
        timed = e.when.start.has_time and (e.when.end is None or e.when.end.has_time)
        if not timed:
            assert first == _local_day(t, start), e.id
            assert ev.decoded("DTEND") == _local_day(t, stop), e.id
            continue
        assert isinstance(first, datetime)
        assert int(first.timestamp()) == start, e.id
        if e.when.end_kind is EndKind.POINT or e.when.end_kind is EndKind.UNKNOWN:
            assert "DTEND" not in ev
        elif e.when.end_kind is EndKind.ONGOING:
            assert int(ev.decoded("DTEND").timestamp()) == t.as_of_instant
        else:
            assert e.when.end is not None
            assert int(ev.decoded("DTEND").timestamp()) == e.when.end.bounds(t.tz)[0]
        assert int(ev.decoded("DTSTAMP").timestamp()) == t.as_of_instant


def _local_day(t: Timeline, epoch: int) -> date:
    return datetime.fromtimestamp(epoch, t.tz).date()


def test_ics_text_fields() -> None:
    """SUMMARY, LOCATION, URL and CATEGORIES carry title, place, first source link, group
    label and tags; DESCRIPTION says the date in words and the certainty."""
    cal = _calendar(load(SMALL))
    ev = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("decade@"))
    assert str(ev["SUMMARY"]) == "+Plus -minus @at, and #hash tag"
    assert str(ev["LOCATION"]) == "Town: centre"
    assert str(ev["URL"]) == "https://example.org/wire?a=1&b=2"
    assert list(ev["CATEGORIES"].cats) == ["North: front", "économie", "2024"]
    description = str(ev["DESCRIPTION"])
    assert description.startswith("Date: 2001 – 31 December 2009\n\nFirst paragraph")
    assert "Certainty: disputed" in description
    zoned = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("timed-zone@"))
    assert zoned["DTSTART"].params["TZID"] == "Europe/Paris"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]


def _icalendar_export(t: Timeline, events: list[Event], view: Any) -> str:
    """The calendar as ``icalendar`` itself writes it, each event an ``icalendar.Event``:
    what the exporter's own writing of VEVENTs must give byte for byte."""
    from timeline.formats import ics

    cal = icalendar.Calendar()
    for key, value in (
        ("prodid", ics.PRODID),
        ("version", "2.0"),
        ("calscale", "GREGORIAN"),
        ("method", "PUBLISH"),
    ):
        cal.add(key, value)
    cal.add("x-wr-calname", icalendar.vText(view.title if view and view.title else t.title))
    subtitle = view.subtitle if view and view.subtitle else t.subtitle
    if subtitle:
        cal.add("x-wr-caldesc", icalendar.vText(subtitle))
    writer = ics._Writer(t)
    for e in events:
        ev = icalendar.Event()
        ev.add("uid", f"{e.id}@{writer.domain}")
        ev.add("dtstamp", writer.stamp)
        start, end = writer._span(e)
        ev.add("dtstart", start)
        if end is not None:
            ev.add("dtend", end)
        ev.add("summary", e.title)
        ev.add("description", writer._description(e))
        if e.place:
            ev.add("location", e.place)
        url = next((t.sources[s].url for s in e.sources if writer._url(s)), None)
        if url:
            ev.add("url", url)
        categories = ([t.groups[e.group].label] if e.group in t.groups else []) + list(e.tags)
        if categories:
            ev.add("categories", categories)
        cal.add_component(ev)
    if writer.zoned_days:
        last = min(ics._shift(max(writer.zoned_days), 1), ics._LAST_ZONE_DAY)
        first = min(ics._shift(min(writer.zoned_days), -1), ics._shift(last, -366))
        cal.add_missing_timezones(first_date=first, last_date=last)
    data: bytes = cal.to_ical()
    return data.decode("utf-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_ics_is_written_as_icalendar_writes_it(path: Path) -> None:
    """Every view's calendar is, byte for byte, what ``icalendar`` writes when each event is
    built as an ``icalendar.Event`` (the exporter writes VEVENTs itself, for speed)."""
    from timeline.formats import ics

    t = load(path)
    for name in t.view_names():
        view = t.view(name)
        events = select(t, view)
        assert ics.export(t, events, view) == _icalendar_export(t, events, view)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chronologies(zones=("UTC", "Etc/UTC", "Europe/Paris", "America/New_York", "Etc/GMT+5")))
def test_ics_of_generated_chronologies_is_written_as_icalendar_writes_it(data: bytes) -> None:
    """Any valid chronology, its texts full of characters iCalendar escapes and folds
    (multi-byte ones too), times in named zones included, is written as ``icalendar``
    writes it, byte for byte."""
    from timeline import check_bytes
    from timeline.formats import ics

    report = check_bytes(data)
    assert report.timeline is not None
    assert not report.errors
    t = report.timeline
    assert ics.export(t, list(t.events), None) == _icalendar_export(t, list(t.events), None)


def test_ics_folds_long_lines_as_icalendar_does() -> None:
    """A long title of ASCII, of multi-byte characters, and with escapes falling on the
    fold, is folded exactly as ``icalendar`` folds it."""
    from timeline import check_bytes
    from timeline.formats import ics

    escapes = [lead + "a" * n + ";" * 60 for lead in ("", "é") for n in range(60, 64)]
    for title in ("x" * 73 + ",y" * 40, "é" * 90 + "😀" * 30, "^" * 200, *escapes):
        quoted = json.dumps(title, ensure_ascii=False)
        data = f"title: T\nevents:\n  - {{date: 2011, title: {quoted}}}\n"
        t = check_bytes(data.encode()).timeline
        assert t is not None
        assert ics.export(t, list(t.events), None) == _icalendar_export(t, list(t.events), None)


# -- timelinejs ---------------------------------------------------------------------------------

_INT = {"type": "integer"}
_TL_DATE = {
    "type": "object",
    "properties": {
        "year": _INT,
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "minute": {"type": "integer", "minimum": 0, "maximum": 59},
        "second": {"type": "integer", "minimum": 0, "maximum": 59},
        "millisecond": {"type": "integer", "minimum": 0, "maximum": 999},
        "display_date": {"type": "string"},
        "format": {"type": "string"},
    },
    "required": ["year"],
    "dependentRequired": {"day": ["month"], "hour": ["day"], "minute": ["hour"]},
    "additionalProperties": False,
}
_TL_TEXT = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    "additionalProperties": False,
}
_TL_SLIDE_PROPS = {
    "start_date": _TL_DATE,
    "end_date": _TL_DATE,
    "text": _TL_TEXT,
    "media": {
        "type": "object",
        "properties": {
            k: {"type": "string"}
            for k in ("url", "caption", "credit", "thumbnail", "alt", "title", "link")
        },
        "required": ["url"],
    },
    "group": {"type": "string"},
    "display_date": {"type": "string"},
    "background": {
        "type": "object",
        "properties": {k: {"type": "string"} for k in ("url", "alt", "color")},
        "additionalProperties": False,
    },
    "autolink": {"type": "boolean"},
    "unique_id": {"type": "string"},
}
#: TimelineJS3's data format, written from Knight Lab's "TimelineJS JSON data format" page.
TIMELINEJS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": _TL_SLIDE_PROPS,
                "required": ["start_date"],
                "additionalProperties": False,
            },
        },
        "title": {"type": "object", "properties": _TL_SLIDE_PROPS, "additionalProperties": False},
        "eras": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"start_date": _TL_DATE, "end_date": _TL_DATE, "text": _TL_TEXT},
                "required": ["start_date", "end_date"],
                "additionalProperties": False,
            },
        },
        "scale": {"enum": ["human", "cosmological"]},
    },
    "required": ["events"],
    "additionalProperties": False,
}


def test_timelinejs_schema_accepts_knight_labs_own_sample() -> None:
    """The schema is right about TimelineJS: Knight Lab's sample (numbers as strings
    aside, which TimelineJS also accepts) passes it."""
    doc = json.loads((DATA / "formats" / "women_in_computing.json").read_text("utf-8"))
    for slide in [doc["title"], *doc["events"]]:
        for key in ("start_date", "end_date"):
            parts = {k: int(v) for k, v in slide.get(key, {}).items() if v}
            if parts:
                slide[key] = parts
            else:
                slide.pop(key, None)
        slide.pop("group", None)
    jsonschema.validate(doc, TIMELINEJS_SCHEMA)


def test_timelinejs_export_matches_the_documented_format(chronology: Timeline) -> None:
    """The export validates against the TimelineJS3 schema; one slide per event, unique ids."""
    doc = json.loads(export(chronology, "timelinejs"))
    jsonschema.validate(doc, TIMELINEJS_SCHEMA)
    ids = [s["unique_id"] for s in doc["events"]]
    assert sorted(ids) == sorted(e.id for e in chronology.events)
    assert len(doc.get("eras", [])) == len(chronology.eras)


def test_timelinejs_dates_keep_only_known_parts() -> None:
    """A month-precision date has no day; partial and qualified dates get a display date."""
    doc = json.loads(export(load(SMALL), "timelinejs"))
    by_id = {s["unique_id"]: s for s in doc["events"]}
    assert by_id["founding"]["start_date"] == {"year": 1851, "month": 6}
    assert by_id["founding"]["display_date"] == "June 1851"
    assert by_id["old-year"]["start_date"] == {"year": 1899, "display_date": "c. 1899"}
    assert by_id["ongoing"]["end_date"] == {"year": 2024, "month": 11, "day": 30}
    assert by_id["ongoing"]["display_date"] == "since 30 September 2015"
    assert "end_date" not in by_id["unknown-end"]
    assert "display_date" not in by_id["2024-11-29-derived-id-on-the-same-day"]
    assert by_id["decade"]["group"] == "North: front"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def test_timelinejs_text_is_escaped_html() -> None:
    """User text is escaped; the only markup is our own paragraphs, links and emphasis."""
    doc = json.loads(export(load(SMALL), "timelinejs"))
    by_id = {s["unique_id"]: s for s in doc["events"]}
    assert by_id["month-range"]["text"]["headline"] == (
        "Month to day; &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    parser = _Tags()
    for slide in doc["events"]:
        parser.feed(slide["text"]["headline"] + slide["text"]["text"])
    assert parser.tags <= {"p", "br", "a", "em"}
    assert '<a href="https://example.org/x">link</a>' in by_id["decade"]["text"]["text"]


def test_timelinejs_export_imports_back_with_its_dates(chronology: Timeline) -> None:
    """Our TimelineJS export read by our TimelineJS importer keeps every date: qualifiers,
    open ends and UTC offsets come back from the display dates; nothing is reported lost."""
    t = chronology
    result = import_bytes(export(t, "timelinejs").encode(), "x.json", "timelinejs")
    assert result.warnings == ()
    imported = {e.id: e.when.text for e in result.timeline.events}
    assert imported == {e.id: e.when.text for e in t.events}


# -- mermaid ------------------------------------------------------------------------------------

_MERMAID_KEYWORDS = re.compile(r"(?:title|section|accTitle|accDescr|timeline)\b", re.IGNORECASE)


_ENTITY = re.compile(r"#\w+;")


def _mermaid_decode(text: str) -> str:
    """What Mermaid shows for a text written with its ``#code;`` escapes."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m[1])), text)


def check_mermaid(text: str) -> list[str]:
    """The event texts of a Mermaid timeline as Mermaid shows them, asserting the grammar
    rules the exporter relies on (those of Mermaid 9 to 11). Mermaid first replaces each
    ``#code;`` escape with a marker free of syntax, as done here; then the header,
    ``title``/``section`` lines free of ``:``, ``#`` and ``;``, and entries
    ``period : event`` where neither part holds a ``:``, ``#``, ``;``, ``<`` or ``>`` and no
    line holds ``%``, ``¶`` or ``ﬂ``."""
    lines = text.splitlines()
    assert lines[0] == "timeline"
    events: list[str] = []
    for raw in lines[1:]:
        line = _ENTITY.sub(lambda m: "\ufb02\u00b0\u00b0" + m[0][1:-1] + "\u00b6\u00df", raw)
        s = line.strip()
        assert not set(raw) & set("%¶ﬂ"), raw
        if s.startswith("title "):
            assert not set(s) & set("#;"), line
        elif s.startswith("accDescr: "):
            assert not set(s[10:]) & set(":#;"), line
        elif s.startswith("section "):
            assert not set(s[8:]) & set(":#;"), line
        else:
            m = re.fullmatch(r"([^:#;\n]*?) ?: (.+)", s)
            assert m is not None, line
            period, event = m.groups()
            assert not set(event) & set(":#;<>"), line
            assert not _MERMAID_KEYWORDS.match(period), line
            events.append(_mermaid_decode(raw.split(" : ", 1)[1]))
    return events


def test_mermaid_export_follows_the_timeline_grammar(chronology: Timeline) -> None:
    """Every event is one entry, and Mermaid shows its title exactly as the file has it."""
    events = check_mermaid(export(chronology, "mermaid"))
    assert len(events) == len(chronology.events)
    for e in chronology.events:
        title = " ".join(e.title.split())
        assert any(entry.startswith(title) for entry in events), e.title


def test_mermaid_sections_come_from_eras() -> None:
    """Sections are the eras, in order, each event under the era its start falls in."""
    text = export(load(SMALL), "mermaid")
    sections = [
        line.strip()[8:] for line in text.splitlines() if line.strip().startswith("section ")
    ]
    assert [_mermaid_decode(s) for s in sections] == ["Before", "Now: the crisis"]


def test_mermaid_escapes_what_its_grammar_reads() -> None:
    """Each character Mermaid's grammar reads is written as Mermaid's own escape, so the
    reader sees the text as written; only a line break, which an entry cannot hold,
    becomes a space."""
    text = "a: b # c ; d < e > f %% g ¶ß ﬂ°\nh"
    out = sanitise(text)
    assert out == ("a#58; b #35; c #59; d #60; e #62; f #37;#37; g #182;ß #64258;° h")
    assert _mermaid_decode(out) == " ".join(text.split())
    assert sanitise("#35;") == "#35;35#59;"


# -- markwhen -----------------------------------------------------------------------------------

_EDTF = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_ISO = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"
_EVENT = re.compile(rf"(?P<dates>{_EDTF}(?:/{_EDTF})?|{_ISO}(?: - {_ISO})?): (?P<rest>.*)")
_TAGS_AT_END = re.compile(r"((?: #[A-Za-z0-9_]+)*)$")
_DATE_WORD = re.compile(
    r"\d|now|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*", re.IGNORECASE
)


def check_markwhen(text: str) -> list[tuple[str, str, list[str], str | None]]:
    """Events of a Markwhen document as (dates, title, tags, group), asserting the rules the
    exporter relies on: a front-matter header; each event line ``dates: text #tags`` with
    EDTF or ISO dates; a ``# heading`` per group; tags of ASCII word characters only, at the
    end of the line; no other ``#word`` anywhere; and no description line that Markwhen
    could read as an event (a colon after nothing but date words), a heading or a comment."""
    lines = text.splitlines()
    assert lines[0] == "---"
    end = lines.index("---", 1)
    for line in lines[1:end]:
        assert re.fullmatch(r"(title|description|timezone): .+|#[A-Za-z0-9_]+: \S+", line), line
    events: list[tuple[str, str, list[str], str | None]] = []
    group: str | None = None
    for line in lines[end + 1 :]:
        if not line:
            continue
        heading = re.fullmatch(r"# (.+) #([A-Za-z0-9_]+)", line)
        m = _EVENT.fullmatch(line)
        if heading:
            group = heading[2]
        elif m:
            tags = _TAGS_AT_END.search(m["rest"])
            assert tags is not None
            title = m["rest"][: tags.start()]
            assert not re.search(r"(?<!\S)#\w", title), line
            events.append((m["dates"], title, re.findall(r"#(\w+)", tags[1]), group))
        else:
            assert events, line
            assert not re.search(r"(?<!\S)#\w", line), line
            assert not re.match(r"\s*(//|#{1,6}\s)", line), line
            head, colon, _ = line.partition(":")
            words = re.findall(r"[A-Za-z]{3,}", head)
            # A date starts with a digit, a word or an ``!id`` (never with ``.``).
            looks_like_date = (
                re.match(r"\s*[\w!]", head)
                and _DATE_WORD.search(head)
                and all(
                    _DATE_WORD.fullmatch(w) or w.lower() in ("after", "before", "until")
                    for w in words
                )
            )
            assert not (colon and looks_like_date), line
    return events


def _markwhen_dates(t: Timeline, e: Event) -> str | None:
    """The dates Markwhen should read for an event without a time (None for timed ones)."""
    w = e.when
    if w.start.has_time or (w.end is not None and w.end.has_time):
        return None
    start = w.start.text.rstrip("~?%")
    if w.end_kind is EndKind.DATE:
        assert w.end is not None
        return f"{start}/{w.end.text.rstrip('~?%')}"
    if w.end_kind is EndKind.ONGOING:
        return f"{start}/{t.as_of.text[:10]}"
    return start


def test_markwhen_export_follows_markwhens_syntax(chronology: Timeline) -> None:
    """One event line per event, in groups by lane, with dates Markwhen reads as ours."""
    t = chronology
    found = sorted(
        (
            (title.strip(), dates, tags, group)
            for dates, title, tags, group in check_markwhen(export(t, "markwhen"))
        ),
        key=_nones_last,
    )
    expected = []
    for e in t.events:
        title = re.sub(r"(?<!\S)#(?=\w)", "＃", " ".join(e.title.split()))
        dates = _markwhen_dates(t, e)
        group = tag(e.group) if e.group else None
        expected.append((title, dates, [tag(x) for x in e.tags], group))
    assert len(found) == len(expected)
    for (title, dates, tags, group), want in zip(
        found, sorted(expected, key=_nones_last), strict=True
    ):
        assert (title, tags, group) == (want[0], want[2], want[3])
        if want[1] is not None:
            assert dates == want[1], title


def _nones_last(row: tuple[str, str | None, list[str], str | None]) -> tuple[Any, ...]:
    return (row[0], row[1] or "", row[2], row[3] or "")


def test_markwhen_escapes_description_lines_that_look_like_events() -> None:
    """A summary line starting ``2011:`` or ``# `` gets Markwhen's own ``. `` prefix."""
    text = export(load(SMALL), "markwhen")
    assert "\n. 2011: a line that looks like an event.\n" in text
    assert "\n. # and a line that looks like a heading\n" in text
    assert "\n# North: front #north\n" in text


@pytest.mark.parametrize(
    ("name", "expected"), [("économie", "economie"), ("2024", "tag_2024"), ("a;b", "a_b")]
)
def test_markwhen_tags_are_ascii_words(name: str, expected: str) -> None:
    """Tags become what Markwhen's ``#\\w+`` can read."""
    assert tag(name) == expected


# -- the documentation --------------------------------------------------------------------------

INTEROP_DOC = (DATA.parent.parent / "docs" / "interop.md").read_text(encoding="utf-8")


def _schema_fields(node: Any) -> set[str]:
    """Every property name anywhere in a JSON Schema."""
    found: set[str] = set()
    if isinstance(node, dict):
        found |= set(node.get("properties", {}))
        for value in node.values():
            found |= _schema_fields(value)
    elif isinstance(node, list):
        for value in node:
            found |= _schema_fields(value)
    return found


def test_docs_list_every_json_field() -> None:
    """docs/interop.md names every field of the JSON export's schema."""
    section = INTEROP_DOC.split("## json", 1)[1].split("\n## ", 1)[0]
    missing = sorted(f for f in _schema_fields(SCHEMA) if f"`{f}`" not in section)
    assert missing == []


def test_docs_list_every_format_and_mermaid_escape() -> None:
    """The docs describe every export and every character the Mermaid export escapes."""
    for name in EXPORTERS:
        assert f"\n## {name}\n" in INTEROP_DOC, name
    table = INTEROP_DOC.split("## mermaid", 1)[1].split("\n## ", 1)[0]
    for char, escape in ESCAPED.items():
        assert f"| `{char}` |" in table
        assert f"`{escape}` |" in table
