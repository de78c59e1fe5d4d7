"""``timeline import``: real TimelineJS data, our CSV layout, and files that must not import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline import Timeline, check_bytes
from timeline.cli import app
from timeline.formats import ImportFailed, guess_format, import_bytes, import_file
from timeline.formats._yaml import EVENT_KEYS
from timeline.formats.csv_format import neutralise, restore

from .conftest import DATA

runner = CliRunner()
FORMATS = DATA / "formats"
BAD = FORMATS / "bad"
WIC_JSON = FORMATS / "women_in_computing.json"
WIC_CSV = FORMATS / "women_in_computing.csv"


def _slides() -> list[dict[str, object]]:
    """The event slides of the TimelineJS sample, read with the standard library."""
    doc = json.loads(WIC_JSON.read_text(encoding="utf-8"))
    slides: list[dict[str, object]] = doc["events"]
    return slides


def _edtf(parts: object) -> str:
    """The EDTF text of a TimelineJS date object (year, month, day as given)."""
    assert isinstance(parts, dict)
    out = f"{int(parts['year']):04d}"
    for key in ("month", "day"):
        if parts.get(key):
            out += f"-{int(parts[key]):02d}"
    return out


# -- the real TimelineJS sample ---------------------------------------------------------------


@pytest.mark.parametrize("path", [WIC_JSON, WIC_CSV], ids=["json", "csv"])
def test_timelinejs_sample_imports_as_a_valid_chronology(path: Path) -> None:
    """Each form of Knight Lab's sample gives a file that loads with no errors."""
    result = import_file(path)
    report = check_bytes(result.text.encode("utf-8"))
    assert report.errors == []
    assert report.timeline is not None
    assert report.timeline.title == "Women in Computing"


@pytest.mark.parametrize("path", [WIC_JSON, WIC_CSV], ids=["json", "csv"])
def test_timelinejs_sample_keeps_every_event_and_its_dates(path: Path) -> None:
    """Every slide becomes an event with its dates at their own precision: before 1900,
    month-only and year-only dates and end dates included."""
    events = import_file(path).timeline.events
    got = sorted((e.date.text, e.end.text if e.end else None) for e in events)
    want = []
    for slide in _slides():
        end = slide.get("end_date")
        want.append((_edtf(slide["start_date"]), _edtf(end) if end else None))
    assert got == sorted(want)
    by_title = {e.title: e for e in events}
    assert by_title["Ada Lovelace"].when.text == "1815-12-10/1852-11-27"
    assert by_title["...And the women who made it work"].when.text == "1943-07/1946"
    assert by_title["Grace Hopper invents the compiler"].when.text == "1952"


def test_timelinejs_json_and_csv_imports_agree() -> None:
    """The JSON and the spreadsheet forms of the sample give the same chronology, field for
    field (only the positions in the warnings differ, since the files differ)."""
    from_json = import_file(WIC_JSON)
    from_csv = import_file(WIC_CSV)
    assert from_json.text == from_csv.text
    pairs = zip(from_json.timeline.events, from_csv.timeline.events, strict=True)
    assert all(a == b for a, b in pairs)
    assert sorted(w.message for w in from_json.warnings) == sorted(
        w.message for w in from_csv.warnings
    )


def test_timelinejs_html_becomes_markdown_and_media_become_sources() -> None:
    """Slide HTML is converted (links to Markdown, no tags left), each media URL is kept as
    a source with its credit, and an embedded quote joins the summary."""
    t = import_file(WIC_JSON).timeline
    for e in t.events:
        for text in (e.title, e.summary or ""):
            assert "<" not in text
            assert "&quot;" not in text
    ada = next(e for e in t.events if e.title == "Ada Lovelace")
    assert ada.summary is not None
    assert "[Ada Lovelace](https://en.wikipedia.org/wiki/Ada_Lovelace)" in ada.summary
    (source,) = (t.sources[s] for s in ada.sources)
    assert source.url is not None
    assert source.url.endswith("Ada_Lovelace_portrait.jpg")
    assert source.publisher == "Wikimedia Commons"
    assert source.title == "Portrait by Alfred Edward Chalon"
    clarke = next(e for e in t.events if e.title == "Edith Clarke: Bucking the Trend")
    assert clarke.summary is not None
    assert clarke.summary.startswith("> There is no demand")
    urls = [str(s["media"]["url"]) for s in _slides()]  # type: ignore[index]
    with_media = [u for u in urls if u.startswith("http")]
    assert sum(1 for e in t.events if e.sources) == len(with_media)


def test_timelinejs_sample_reports_what_it_leaves_out() -> None:
    """The two background images, which a chronology cannot hold, are reported with their
    place in the file; nothing else is left out."""
    result = import_file(WIC_JSON)
    assert [str(w) for w in result.warnings] == [
        f"{WIC_JSON}:65:27: warning: background is left out: "
        "https://upload.wikimedia.org/wikipedia/commons/c/cd/ARL_ENIAC_02.png",
        f"{WIC_JSON}:218:23: warning: background is left out: "
        "https://upload.wikimedia.org/wikipedia/commons/1/17/World%27s_First_Computer%2C_the"
        "_Electronic_Numerical_Integrator_and_Calculator_%28ENIAC%29.gif",
    ]


def test_import_writes_readable_yaml_in_the_documented_key_order() -> None:
    """Every event's keys come in the documented order, with ids derived from date and title."""
    text = import_file(WIC_JSON).text
    assert (
        "  - id: 1815-12-10-ada-lovelace\n    date: 1815-12-10\n    end: 1852-11-27\n"
        "    title: Ada Lovelace\n    summary: |-\n"
    ) in text
    for block in text.split("\n  - ")[1:]:
        lines = block.splitlines()
        keys = [lines[0].split(":", 1)[0]] + [
            line[4:].split(":", 1)[0]
            for line in lines[1:]
            if line.startswith("    ") and not line.startswith("     ")
        ]
        assert keys[0] == "id"
        assert keys == sorted(keys, key=EVENT_KEYS.index)


# -- guessing, options and the command ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.json", b'{"format": "timeline-json"}', "json"),
        ("a.json", b'{"events": []}', "timelinejs"),
        ("a.csv", b"Year,Month,Day,Headline\n", "timelinejs"),
        ("a.CSV", b"id,date,title\n", "csv"),
        ("a.yaml", b"title: x\n", None),
    ],
)
def test_format_is_guessed_from_the_name_and_first_bytes(
    name: str, head: bytes, expected: str | None
) -> None:
    """Suffix and header decide the import format; an unknown suffix decides nothing."""
    assert guess_format(name, head) == expected


def test_import_command_writes_the_file_and_reports(tmp_path: Path) -> None:
    """``timeline import`` writes timeline.yaml (valid), prints warnings and a summary."""
    out = tmp_path / "timeline.yaml"
    result = runner.invoke(app, ["import", str(WIC_CSV), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert check_bytes(out.read_bytes()).errors == []
    lines = result.stderr.splitlines()
    assert lines[-1] == (f"wrote {out}: 10 events, 2 warnings about what could not be carried over")
    assert lines[0].startswith(f"{WIC_CSV}:2:18: warning: background is left out: ")


def test_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    """An existing output file is kept (exit 2) unless --force is given."""
    out = tmp_path / "timeline.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    refused = runner.invoke(app, ["import", str(WIC_JSON), "-o", str(out)])
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"timeline: error: {out} already exists "
        "(hint: add --force to replace it, or choose -o PATH)\n"
    )
    assert out.read_text(encoding="utf-8") == "keep me\n"
    forced = runner.invoke(app, ["import", str(WIC_JSON), "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("title: Women in Computing\n")


def test_import_to_standard_output() -> None:
    """``-o -`` prints the chronology instead of writing a file."""
    result = runner.invoke(app, ["import", str(WIC_JSON), "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout == import_file(WIC_JSON).text


def test_import_map_renames_columns(tmp_path: Path) -> None:
    """--map reads other column names as ours and can leave a column out."""
    src = tmp_path / "sheet.csv"
    src.write_text("When,Headline,Notes,Ignored\n2011-03,Protests,Small crowds,x\n", "utf-8")
    out = tmp_path / "timeline.yaml"
    args = ["import", str(src), "-o", str(out), "--map", "When=date,Headline=title"]
    result = runner.invoke(app, [*args, "--map", "Notes=summary", "--map", "Ignored="])
    assert result.exit_code == 0, result.stderr
    t = check_bytes(out.read_bytes()).timeline
    assert t is not None
    (event,) = t.events
    assert (event.when.text, event.title, event.summary) == ("2011-03", "Protests", "Small crowds")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "Date"], "timeline: error: --map 'Date' is not NAME=COLUMN"),
        (["--map", "Date=when"], "timeline: error: --map 'Date=when': unknown key 'when'"),
        (["--from", "xml"], "timeline: error: unknown format 'xml'"),
    ],
)
def test_import_bad_command_lines_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    """Malformed --map and unknown formats are command-line errors (exit 2)."""
    out = tmp_path / "t.yaml"
    result = runner.invoke(app, ["import", str(WIC_CSV), "-o", str(out), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert not out.exists()


def test_import_map_only_for_csv_and_unknown_suffix(tmp_path: Path) -> None:
    """--map with a TimelineJS file, and a file whose format cannot be guessed, exit 2."""
    out = tmp_path / "t.yaml"
    mapped = runner.invoke(app, ["import", str(WIC_JSON), "-o", str(out), "--map", "a=title"])
    assert mapped.exit_code == 2
    assert "--map only applies to csv, ods, xls, xlsx files" in mapped.stderr
    odd = tmp_path / "notes.txt.bak"
    odd.write_text("x", encoding="utf-8")
    guessed = runner.invoke(app, ["import", str(odd), "-o", str(out)])
    assert guessed.exit_code == 2
    assert "cannot tell the format" in guessed.stderr


# -- files that must not import ---------------------------------------------------------------

BAD_FILES = sorted(p for p in BAD.iterdir() if not p.name.endswith(".expected"))


@pytest.mark.parametrize("src", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_bad_import_files_give_exact_errors_and_write_nothing(
    src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each bad file prints exactly its expected ``file:line:col`` lines, exits 1, writes
    nothing and shows no traceback."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / src.name).write_bytes(src.read_bytes())
    result = runner.invoke(app, ["import", src.name, "-o", "out.yaml"])
    expected = (BAD / f"{src.name}.expected").read_text(encoding="utf-8")
    assert result.exit_code == 1
    assert result.stderr == expected
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]


def test_import_failure_carries_every_error() -> None:
    """The library raises ImportFailed with one diagnostic per problem, in file order."""
    with pytest.raises(ImportFailed) as caught:
        import_bytes((BAD / "bad_dates.csv").read_bytes(), "bad_dates.csv")
    assert [(d.line, d.col) for d in caught.value.diagnostics] == [
        (2, 1),
        (3, 1),
        (4, 3),
        (5, 1),
        (6, 1),
        (7, 2),
        (8, 1),
        (9, 1),
    ]


# -- our CSV layout -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=x", "''x", "'x", "plain", "", "'"],
)
def test_formula_neutralisation_round_trips(cell: str) -> None:
    """A cell a spreadsheet would run as a formula gets a leading quote, removed on import."""
    safe = neutralise(cell)
    assert safe[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert restore(safe) == cell


def test_csv_import_reports_what_it_changes(tmp_path: Path) -> None:
    """Invalid ids, long titles and unknown related events are warnings with row:column."""
    long_title = "word " * 70
    text = f"id,date,title,related\nBad Id,2011,{long_title.strip()},\nok,2012,Fine,missing\n"
    result = import_bytes(text.encode(), "sheet.csv")
    assert [str(w) for w in result.warnings] == [
        "sheet.csv:1:1: warning: a CSV file has no title: the chronology is called 'Sheet' "
        "(hint: edit 'title')",
        "sheet.csv:2:1: warning: 'Bad Id' is not a valid id: used 'bad-id'",
        "sheet.csv:2:3: warning: title longer than one line of 300 characters: "
        "the rest starts the summary",
        "sheet.csv:3:4: warning: related event 'missing' is not in the file: the link is left out",
    ]
    first = result.timeline.events[0]
    assert len(first.title) <= 300
    assert first.summary is not None
    assert (first.title.rstrip("…") + " " + first.summary.lstrip("…")).split() == long_title.split()


def test_csv_import_accepts_semicolons_and_a_byte_order_mark() -> None:
    """A spreadsheet saved with ``;`` separators and a UTF-8 BOM imports the same."""
    text = '\ufeffdate;title;tags\n2011;Protests;"a\\;b;c"\n'
    (event,) = import_bytes(text.encode("utf-8"), "x.csv").timeline.events
    assert event.tags == ("a;b", "c")


# -- one writer: every import is already in the canonical form ---------------------------------


def _csv_fixtures() -> list[Path]:
    """Every CSV and JSON file the suite imports successfully (the bad ones excepted)."""
    return sorted(p for p in FORMATS.iterdir() if p.suffix in (".csv", ".json"))


@pytest.mark.parametrize("path", _csv_fixtures(), ids=lambda p: p.name)
@pytest.mark.parametrize("keep_order", [False, True], ids=["sorted", "keep-order"])
def test_an_import_passes_fmt_check(path: Path, keep_order: bool, tmp_path: Path) -> None:
    """``timeline import X`` then ``timeline fmt --check`` (with or without --keep-order)
    finds nothing to change: importers write the formatter's canonical form."""
    out = tmp_path / "timeline.yaml"
    result = runner.invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    args = ["fmt", "--check", str(out), *(["--keep-order"] if keep_order else [])]
    checked = runner.invoke(app, args)
    assert checked.exit_code == 0, checked.output


def test_an_export_of_the_sample_imports_back_formatted(tmp_path: Path) -> None:
    """Our own JSON and CSV exports of the sample import to files fmt leaves alone."""
    from timeline.fmt import format_text
    from timeline.formats import export

    t = load_sample()
    for fmt in ("json", "csv"):
        text = import_bytes(export(t, fmt).encode("utf-8"), f"export.{fmt}").text
        assert format_text(text) == text


def test_an_import_is_sorted_unless_that_would_swap_made_up_ids() -> None:
    """An import is written in the documented order of events, as ``fmt`` sorts; events
    without ids sharing a date and title stay as written when sorting would swap the ids
    made for them (``fmt`` keeps them so too)."""
    from timeline.fmt import FormatMode, format_text
    from timeline.formats._draft import Draft, DraftEvent
    from timeline.formats._yaml import render

    draft = Draft("T", [DraftEvent("2012", "b", id="b"), DraftEvent("2011", "a", id="a")])
    text, t = render(draft, "t.yaml")
    assert [e.id for e in t.events] == ["a", "b"]
    assert format_text(text) == text
    draft = Draft("T", [DraftEvent("2011", "a", end="2013"), DraftEvent("2011", "a", end="2012")])
    text, t = render(draft, "t.yaml")
    assert [(e.id, e.when.text) for e in t.events] == [
        ("2011-a", "2011/2013"),
        ("2011-a-2", "2011/2012"),
    ]
    assert format_text(text, mode=FormatMode(sort_events=False)) == text


def test_an_import_that_would_not_read_back_as_drafted_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The last guard: should the written text read back as anything but the draft, the
    import fails naming each field that differs, and nothing is returned."""
    from timeline.formats import _yaml
    from timeline.formats._draft import Draft, DraftEvent, ImportFailed

    written = _yaml.dump
    monkeypatch.setattr(_yaml, "dump", lambda d: written(d).replace("title: a", "title: b"))
    draft = Draft("T", [DraftEvent("2011", "a", id="e", tags=["x"])])
    with pytest.raises(ImportFailed) as info:
        _yaml.render(draft, "t.yaml")
    assert [str(d) for d in info.value.diagnostics] == [
        "t.yaml:1:1: error: the imported chronology would not be valid: "
        "event 'e' title: wrote 'a', read back 'b'"
    ]


def load_sample() -> Timeline:
    """The sample chronology."""
    from timeline import load

    from .conftest import SAMPLE

    return load(SAMPLE)


@pytest.mark.parametrize("path", _csv_fixtures(), ids=lambda p: p.name)
def test_an_import_returns_the_chronology_its_text_loads_as(path: Path) -> None:
    """The chronology an import hands back (the one its check loaded) is the one its
    written text loads as, positions included."""
    result = import_file(path)
    loaded = check_bytes(result.text.encode("utf-8"), result.timeline.path).timeline
    assert loaded is not None
    assert result.timeline == loaded
    assert [e.where for e in result.timeline.events] == [e.where for e in loaded.events]
