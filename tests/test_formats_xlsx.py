"""``timeline export --to xlsx``: a workbook people can filter, that imports back to the same
chronology."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from timeline import load
from timeline.cli import app
from timeline.formats import export, export_bytes, import_bytes
from timeline.formats._common import split_when

from .conftest import DATA, SAMPLE
from .test_formats_roundtrip import _assert_same_chronology, _load, chronologies

runner = CliRunner()
SMALL = DATA / "formats" / "small.yaml"


def _book(path: Path = SAMPLE) -> object:
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(export_bytes(load(path), "xlsx")))


@pytest.mark.parametrize("path", [SAMPLE, SMALL], ids=["sample", "small"])
def test_xlsx_round_trip_keeps_the_whole_chronology(path: Path) -> None:
    """Exporting to xlsx and importing it gives back the same chronology, field by field,
    with nothing reported."""
    t = load(path)
    result = import_bytes(export_bytes(t, "xlsx"), "export.xlsx")
    _assert_same_chronology(t, result.timeline)
    assert result.warnings == ()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chronologies())
def test_xlsx_round_trip_of_generated_chronologies(data: bytes) -> None:
    """Generated chronologies (every date form, odd text) survive the xlsx round trip."""
    t = _load(data)
    _assert_same_chronology(t, import_bytes(export_bytes(t, "xlsx"), "x.xlsx").timeline)


def test_events_sheet_has_a_frozen_filtered_header_and_text_dates() -> None:
    """The first sheet is Events: a bold header row, frozen and filtered, and every date a
    text cell in our notation (``2011-03`` stays a month)."""
    book = _book()
    events = book["Events"]  # type: ignore[index]
    assert book.sheetnames == ["Events", "Sources", "Groups", "Eras", "Views", "About"]  # type: ignore[attr-defined]
    assert [c.value for c in events[1]] == [
        "id", "date", "end", "title", "summary", "group", "tags", "place", "sources",
        "certainty", "importance", "related",
    ]  # fmt: skip
    assert all(c.font.bold for c in events[1])
    assert events.freeze_panes == "A2"
    assert events.auto_filter.ref == f"A1:L{events.max_row}"
    t = load(SAMPLE)
    dates = [c.value for c in events["B"][1:]]
    assert dates == [split_when(e.when)[0] for e in t.events]
    assert all(c.data_type == "s" for c in events["B"][1:])
    assert "2011-03-15" in dates


def test_formula_like_text_stays_text() -> None:
    """A title starting with ``=`` is a text cell, never a formula, and comes back as is."""
    book = _book(SMALL)
    titles = {c.value: c.data_type for c in book["Events"]["D"][1:]}  # type: ignore[index]
    formula = '=HYPERLINK("http://evil.example","click")'
    assert titles[formula] == "s"


def test_xlsx_export_is_deterministic() -> None:
    """The same chronology gives the same bytes (fixed document and archive dates)."""
    t = load(SAMPLE)
    assert export_bytes(t, "xlsx") == export_bytes(t, "xlsx")


def test_xlsx_is_not_text() -> None:
    """``export`` (text) refuses xlsx and points at export_bytes."""
    with pytest.raises(ValueError, match="use export_bytes"):
        export(load(SAMPLE), "xlsx")


def test_export_command_writes_a_workbook(tmp_path: Path) -> None:
    """``timeline export --to xlsx -o FILE`` writes a workbook that imports again."""
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["export", str(SAMPLE), "--to", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes()[:2] == b"PK"
    back = runner.invoke(app, ["import", str(out), "-o", str(tmp_path / "t.yaml")])
    assert back.exit_code == 0, back.stderr
    wrote = f"wrote {tmp_path / 't.yaml'}: 31 events, 0 warnings"
    assert back.stderr == f"{wrote} about what could not be carried over\n"
