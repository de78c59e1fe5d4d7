"""The ``timeline validate`` and ``show`` commands, run in-process as a user would."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app

from .conftest import DATA, SAMPLE

runner = CliRunner()

GOOD = """title: Test
sources:
  s: {title: S}
groups:
  gov: {label: Government}
  opp: {label: Opposition}
events:
  - {date: 2015-09-30/.., title: Intervention, group: gov, sources: [s], importance: 3}
  - {date: 2011-03, title: Protests, group: opp, sources: [s]}
  - {date: 2019~, title: Agreement, sources: [s], importance: 1}
  - {date: 2016-07/2016-12-22, title: Siege, group: gov, sources: [s], tags: [aleppo]}
  - {date: 2024-11-29T06:30+03:00, title: Car bombs, group: opp, sources: [s], certainty: claimed}
views:
  detail: {from: 2024-11, to: 2024-11-30}
"""


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "timeline.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_version_prints_the_package_version() -> None:
    """``timeline --version`` prints the version from ``timeline._version`` and exits 0."""
    from timeline._version import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"timeline {__version__}\n"


def test_version_matches_the_package_metadata() -> None:
    """The version the command prints is the one in pyproject.toml."""
    import tomllib

    from timeline._version import __version__

    meta = tomllib.loads((DATA.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["version"] == __version__


def test_report_says_ok_and_clean_as_properties(good: Path) -> None:
    """``Report.ok`` allows warnings, ``Report.clean`` does not; both are properties."""
    from timeline import check_bytes

    warned = check_bytes(b"title: T\nevents:\n  - {date: 2011, title: a}\n")
    assert warned.ok
    assert not warned.clean
    assert warned.passes(strict=False)
    assert not warned.passes(strict=True)
    broken = check_bytes(b"title: T\nevents:\n  - {date: 2011-13, title: a}\n")
    assert not broken.ok
    assert not broken.clean
    assert check_bytes(good.read_bytes()).clean


def test_validate_valid_file_exits_zero(good: Path) -> None:
    """A valid file exits 0 and says so."""
    result = runner.invoke(app, ["validate", str(good)])
    assert result.exit_code == 0
    assert result.stderr.strip() == f"{good}: valid"


def test_validate_reports_every_error_and_exits_one(tmp_path: Path) -> None:
    """All problems are printed, one line each, then a summary; exit 1; file untouched."""
    bad = tmp_path / "bad.yaml"
    text = "title: T\nevents:\n  - {date: 2024-02-30, title: a}\n  - {date: 2011, titel: b}\n"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [
        f"{bad}:3:20: error: 'date': day 30 does not exist: February 2024 has 29 days",
        f"{bad}:4:5: error: an event needs 'title'",
        f"{bad}:4:18: error: unknown key 'titel' in an event (hint: did you mean 'title'?)",
        f"{bad}: 3 errors, 0 warnings",
    ]
    assert bad.read_text(encoding="utf-8") == text


def test_validate_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    """A missing file is exit 2 with one clear line."""
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"timeline: error: {tmp_path / 'nope.yaml'}: no such file"


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["fmt"],
        ["show"],
        ["render"],
        ["watch"],
        ["export", "--to", "json"],
        ["diff"],
        ["log"],
    ],
)
def test_a_folder_for_the_file_is_one_usage_line(tmp_path: Path, command: list[str]) -> None:
    """A folder where the chronology file goes: exit 2 and one line in the tool's words
    (not the command-line parser's three), for every command that reads the file."""
    result = runner.invoke(app, [*command, str(tmp_path)])
    assert result.exit_code == 2, result.stderr
    assert (
        result.stderr.strip() == f"timeline: error: {tmp_path}: is a folder, not a chronology file"
    )


def test_a_folder_to_import_is_one_usage_line(tmp_path: Path) -> None:
    """``import`` of a folder: exit 2 and one line, nothing written."""
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.strip() == f"timeline: error: {tmp_path}: is a folder, not a file"
    assert not out.exists()


@pytest.mark.parametrize("command", ["show", "render"])
def test_from_after_to_is_a_usage_error(command: str, tmp_path: Path) -> None:
    """``--from`` after ``--to`` (a day after the day before it, or years apart) is exit 2
    with one line, before anything is written; the same day on both sides is fine."""
    out = tmp_path / "o"
    args = [command, str(SAMPLE), *(["-o", str(out)] if command == "render" else [])]
    for start, stop in (("2024-11-28", "2024-11-27"), ("2020", "2011")):
        result = runner.invoke(app, [*args, "--from", start, "--to", stop])
        assert result.exit_code == 2, result.stderr
        assert result.stderr.strip() == (
            f"timeline: error: --from {start} is after --to {stop}: nothing could be shown "
            "(hint: swap them)"
        )
        assert not out.exists()
    if command == "show":
        same = runner.invoke(app, [*args, "--from", "2024-11-27", "--to", "2024-11-27"])
        assert same.exit_code == 0
        assert "27 Nov 2024" in same.stdout


def test_validate_strict_fails_on_warnings(tmp_path: Path) -> None:
    """--strict turns warnings into a failing exit code."""
    path = tmp_path / "w.yaml"
    path.write_text("title: T\nevents:\n  - {date: 2011, title: unsourced}\n", encoding="utf-8")
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    assert runner.invoke(app, ["validate", "--strict", str(path)]).exit_code == 1


def test_validate_json_output(tmp_path: Path) -> None:
    """--format json prints machine-readable diagnostics on stdout."""
    path = tmp_path / "w.yaml"
    path.write_text("title: T\nevents:\n  - {date: 2011-13, title: x}\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data == [
        {
            "file": str(path),
            "line": 3,
            "column": 17,
            "severity": "error",
            "message": "'date': month 13 does not exist (months run 01-12)",
            "hint": None,
        }
    ]


def test_show_lists_events_in_documented_order(good: Path) -> None:
    """show prints one line per event, sorted, with dates written for people."""
    result = runner.invoke(app, ["show", str(good)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Mar 2011                    Protests  [Opposition]",
        "since 30 Sep 2015           Intervention  [Government]",
        "Jul – 22 Dec 2016           Siege  [Government]",
        "c. 2019                     Agreement",
        "29 Nov 2024, 06:30 (UTC+3)  Car bombs (claimed)  [Opposition]",
    ]


def test_show_filters(good: Path) -> None:
    """--from/--to/--group/--tag/--min-importance narrow the list."""

    def titles(*args: str) -> list[str]:
        result = runner.invoke(app, ["show", str(good), *args])
        assert result.exit_code == 0, result.stderr
        return [re.split(r"\s{2,}", line)[1] for line in result.stdout.splitlines() if line]

    assert titles("--group", "gov") == ["Intervention", "Siege"]
    assert titles("--tag", "aleppo") == ["Siege"]
    assert titles("--min-importance", "3") == ["Intervention"]
    assert titles("--from", "2019", "--to", "2019-12") == ["Intervention", "Agreement"]
    assert titles("--view", "detail") == ["Intervention", "Car bombs (claimed)"]


def test_show_bad_options_are_usage_errors(good: Path) -> None:
    """A bad date or unknown view on the command line is exit 2, one line."""
    result = runner.invoke(app, ["show", str(good), "--from", "2011-13"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "timeline: error: --from '2011-13': month 13 does not exist (months run 01-12)"
    )
    result = runner.invoke(app, ["show", str(good), "--view", "nope"])
    assert result.exit_code == 2
    assert "no view named 'nope'" in result.stderr


def test_show_invalid_file_exits_one(tmp_path: Path) -> None:
    """show refuses a file with errors and prints its diagnostics."""
    path = tmp_path / "bad.yaml"
    path.write_text("title: T\nevents: 3\n", encoding="utf-8")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2:9: error: 'events' must be a list, not text" in result.stderr


def test_valid_corpus_files_validate() -> None:
    """Files in tests/data/valid validate cleanly and keep YAML 1.1 lookalikes as text."""
    result = runner.invoke(app, ["validate", str(DATA / "valid" / "yaml11-traps.yaml")])
    assert result.exit_code == 0, result.stderr
    from timeline import load

    t = load(DATA / "valid" / "yaml11-traps.yaml")
    assert [e.title for e in t.events] == ["no", "010"]
    assert t.events[0].place == "on"
    assert t.events[0].summary == "12:30"


def _modules_after(argv: list[str], names: tuple[str, ...]) -> list[str]:
    """Which of ``names`` a fresh interpreter has imported after running the command."""
    code = (
        "import sys\n"
        "from timeline.cli import app\n"
        "try:\n"
        f"    app({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('LOADED', [m for m in {names!r} if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("LOADED "))
    loaded: list[str] = ast.literal_eval(line.removeprefix("LOADED "))
    return loaded


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["validate", "{f}"], ["show", "{f}"]])
def test_light_commands_do_not_import_matplotlib(argv: list[str], good: Path) -> None:
    """--help, --version, validate and show never import matplotlib, Babel, ruamel,
    watchfiles or importlib.metadata (they must start fast)."""
    args = [a.replace("{f}", str(good)) for a in argv]
    heavy = ("matplotlib", "babel", "ruamel", "watchfiles", "importlib.metadata")
    assert _modules_after(args, heavy) == []


def test_help_loads_only_the_command_line() -> None:
    """--help reads no chronology, so it imports neither PyYAML nor the reader nor the model."""
    reading = ("yaml", "timeline.loader", "timeline.model", "timeline.dates")
    assert _modules_after(["--help"], reading) == []


def test_render_cache_imports_metadata_only_when_asked() -> None:
    """The render cache loads importlib.metadata when it computes a key, not on import."""
    code = (
        "import sys\n"
        "import timeline.render._cache as cache\n"
        "before = 'importlib.metadata' in sys.modules\n"
        "cache.key(b'x', None, None)\n"
        "print(before, 'importlib.metadata' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]
