"""Golden tests: each bad input beside the exact diagnostics ``timeline validate`` prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import check_bytes
from timeline.errors import summary

from .conftest import DATA, REGEN

BAD = sorted((DATA / "bad").glob("*.yaml"))


def _report_text(path: Path) -> str:
    name = f"bad/{path.name}"
    report = check_bytes(path.read_bytes(), name)
    lines = [str(d) for d in report.diagnostics]
    lines.append(summary(report.diagnostics, name))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_input_reports_exact_diagnostics(path: Path) -> None:
    """Every bad input yields exactly the expected file:line:col lines and summary."""
    expected_path = path.with_suffix(".out")
    actual = _report_text(path)
    if REGEN:
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_input_has_an_error_or_warning(path: Path) -> None:
    """No case in the bad corpus passes silently."""
    report = check_bytes(path.read_bytes(), path.name)
    assert report.diagnostics
    for d in report.diagnostics:
        assert d.line >= 1
        assert d.col >= 1
        assert "\n" not in str(d)
