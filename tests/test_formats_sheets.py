"""``timeline import`` of real spreadsheets: workbooks and CSV files made like real ones.

Each fixture (``tests/sheet_fixtures.py``, written with openpyxl, odfpy or by hand like
Google Sheets and Excel write CSV) imports to the chronology in
``tests/data/formats/sheets/<name>.yaml``, printing exactly ``<name>.out`` with
``--explain``. Set ``TIMELINE_REGEN_GOLDENS=1`` to rewrite them, then review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline import Timeline, check_bytes
from timeline.cli import app
from timeline.formats import ImportFailed, export_bytes, guess_format, import_bytes

from .conftest import DATA, REGEN
from .sheet_fixtures import FIXTURES, chronologie_ods, newsroom_xlsx

runner = CliRunner()
GOLDEN = DATA / "formats" / "sheets"
NAMES = sorted(FIXTURES)


def _write(name: str, folder: Path) -> str:
    make, file_name = FIXTURES[name]
    (folder / file_name).write_bytes(make())
    return file_name


def _same_chronology(a: Timeline, b: Timeline) -> None:
    """Every field of the format agrees."""
    settings = ("title", "subtitle", "locale", "timezone", "as_of", "as_of_given")
    assert [getattr(a, k) for k in settings] == [getattr(b, k) for k in settings]
    assert (a.sources, a.groups, a.eras, a.views) == (b.sources, b.groups, b.eras, b.views)
    assert [(e.when.text, e) for e in a.events] == [(e.when.text, e) for e in b.events]


@pytest.mark.parametrize("name", NAMES)
def test_fixture_imports_to_its_golden_chronology(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each spreadsheet gives exactly its expected timeline.yaml, conversions and warnings."""
    monkeypatch.chdir(tmp_path)
    file_name = _write(name, tmp_path)
    result = runner.invoke(app, ["import", file_name, "-o", "-", "--explain"])
    assert result.exit_code == 0, result.stderr
    if REGEN:
        (GOLDEN / f"{name}.yaml").write_text(result.stdout, encoding="utf-8")
        (GOLDEN / f"{name}.out").write_text(result.stderr, encoding="utf-8")
    assert result.stdout == (GOLDEN / f"{name}.yaml").read_text(encoding="utf-8")
    assert result.stderr == (GOLDEN / f"{name}.out").read_text(encoding="utf-8")
    report = check_bytes(result.stdout.encode("utf-8"), "t.yaml")
    assert report.errors == []


@pytest.mark.parametrize("name", NAMES)
def test_fixture_round_trips_through_xlsx(name: str, tmp_path: Path) -> None:
    """An imported spreadsheet exported to xlsx imports back to the same chronology."""
    file_name = _write(name, tmp_path)
    first = import_bytes((tmp_path / file_name).read_bytes(), file_name).timeline
    workbook = export_bytes(first, "xlsx")
    again = import_bytes(workbook, "again.xlsx")
    _same_chronology(first, again.timeline)
    assert again.warnings == ()


@pytest.mark.parametrize("name", NAMES)
def test_fixture_import_is_formatted(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``timeline import X -o t.yaml && timeline fmt --check t.yaml`` passes."""
    monkeypatch.chdir(tmp_path)
    file_name = _write(name, tmp_path)
    imported = runner.invoke(app, ["import", file_name, "-o", "t.yaml"])
    assert imported.exit_code == 0, imported.stderr
    checked = runner.invoke(app, ["fmt", "--check", "t.yaml"])
    assert checked.exit_code == 0, checked.stderr


def test_workbooks_are_recognised_by_their_names() -> None:
    """xlsx, xlsm, xls and ods files are imported as workbooks whatever they start with."""
    assert [guess_format(f"a.{s}", b"PK") for s in ("xlsx", "XLSM", "xls", "ods")] == [
        "xlsx",
        "xlsx",
        "xls",
        "ods",
    ]


def test_sheet_option_reads_another_sheet() -> None:
    """--sheet picks the sheet of events; the first sheet with dates is then left out."""
    result = import_bytes(chronologie_ods(), "c.ods", sheet="Brouillon")
    (event,) = result.timeline.events
    assert (event.when.text, event.title) == ("2024-12-04", "Motion de censure")
    assert "c.ods:Chronologie!A1: warning: sheet 'Chronologie' is left out" in str(
        result.warnings[0]
    )


def test_unknown_sheet_is_a_command_line_error(tmp_path: Path) -> None:
    """A --sheet the workbook does not have exits 2 naming the sheets it has."""
    src = tmp_path / "book.xlsx"
    src.write_bytes(newsroom_xlsx())
    result = runner.invoke(app, ["import", str(src), "-o", "-", "--sheet", "Nope"])
    assert result.exit_code == 2
    assert result.stderr == (
        "timeline: error: the workbook has no sheet 'Nope' "
        "(its sheets: 'Read me', 'Events', 'Drafts')\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--day-first", "--month-first"], "--day-first and --month-first cannot both be given"),
        (["--sheet", "x"], "--sheet only applies to ods, xls, xlsx files"),
        (["--map", "Date=when"], "--map 'Date=when': unknown key 'when'"),
        (["--encoding", "klingon"], "unknown encoding 'klingon'"),
    ],
)
def test_bad_sheet_options_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    """Options that contradict each other or do not apply are command-line errors."""
    src = tmp_path / "a.csv"
    src.write_text("Date,Title\n2011,x\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(src), "-o", "-", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"timeline: error: {message}")


def test_a_workbook_that_is_not_one_is_an_error_at_its_start() -> None:
    """Bytes that are no workbook give one located error, no traceback."""
    with pytest.raises(ImportFailed) as caught:
        import_bytes(b"not a zip file", "broken.xlsx")
    (d,) = caught.value.diagnostics
    assert (d.file, d.line, d.col, d.severity) == ("broken.xlsx", 1, 1, "error")
    assert d.message.startswith("not a workbook that can be read")


def test_workbook_without_dates_says_which_sheets_it_has() -> None:
    """A workbook with no sheet of dates is refused, naming its sheets and the options."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "People"
    sheet.append(["Name", "Role"])
    sheet.append(["Jane", "Reporter"])
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportFailed) as caught:
        import_bytes(buffer.getvalue(), "people.xlsx")
    assert [str(d) for d in caught.value.diagnostics] == [
        "people.xlsx:1:1: error: no sheet has a header row with a column of dates (sheets: "
        "'People') (hint: name the column of dates Date (or Start, When, Datum, Tarih, "
        "التاريخ), or choose the sheet with --sheet NAME and its column with --map "
        "'Their name=date')"
    ]


def test_errors_in_a_sheet_are_placed_at_their_cells() -> None:
    """An impossible date in a workbook is reported at Sheet!Cell, as spreadsheets name it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "My events"
    sheet.append(["Title", "Date"])
    sheet.append(["Leap day", "2023-02-29"])
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportFailed) as caught:
        import_bytes(buffer.getvalue(), "book.xlsx")
    assert [str(d) for d in caught.value.diagnostics] == [
        "book.xlsx:'My events'!B2: error: 'date': day 29 does not exist: February 2023 has 28 days"
    ]
