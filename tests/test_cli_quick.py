"""``timeline validate FILE`` read without typer prints and exits exactly as the typer command."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from timeline.cli import _quick, app

from .conftest import DATA

runner = CliRunner()
FILES = sorted((DATA / "bad").glob("*.yaml")) + sorted((DATA / "valid").glob("*.yaml"))


def _both(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Run ``args`` through the quick path and through typer; assert the same result."""
    status = _quick.validate(args)
    quick = capsys.readouterr()
    result = runner.invoke(app, args)
    assert status == result.exit_code
    assert quick.err == result.stderr
    assert quick.out == result.stdout == ""


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}-{p.stem}" for p in FILES])
def test_quick_validate_prints_what_typer_prints(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every bad and valid sample gives the same diagnostics, summary and exit status."""
    _both(["validate", str(path)], capsys)


@pytest.mark.parametrize(
    "flags",
    [["--strict"], ["--no-strict"], ["--strict", "--no-strict"], ["--no-strict", "--strict"]],
)
def test_quick_validate_reads_strict_as_typer_does(
    flags: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """--strict and --no-strict, anywhere and repeated (the last wins), as typer reads them."""
    warned = DATA / "bad" / "warnings.yaml"
    assert warned.exists()
    _both(["validate", *flags[:1], str(warned), *flags[1:]], capsys)


def test_quick_validate_names_the_file_as_typer_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file given as ./name, a/../name or with doubled slashes is named as typer names it,
    and the default file is timeline.yaml."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "timeline.yaml").write_bytes((DATA / "bad" / "warnings.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    for args in (
        ["validate"],
        ["validate", "./timeline.yaml"],
        ["validate", "sub/..//timeline.yaml"],
        [
            "validate",
            str(tmp_path) + "//./timeline.yaml",
        ],
    ):
        _both(args, capsys)


@pytest.mark.parametrize(
    "args",
    [
        ["show"],
        ["validate", "--format", "json"],
        ["validate", "--help"],
        ["validate", "-"],
        ["validate", "--", "x.yaml"],
        ["validate", "a.yaml", "b.yaml"],
        ["validate", "no-such-file.yaml"],
        ["validate", "."],
    ],
)
def test_quick_validate_leaves_the_rest_to_typer(
    args: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Any other command line, or a file that cannot be read, is typer's, with nothing
    printed first."""
    monkeypatch.chdir(tmp_path)
    assert _quick.validate(args) is None
    assert capsys.readouterr() == ("", "")


def test_quick_validate_leaves_shell_completion_to_typer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A shell asking for completions gets typer's answer."""
    monkeypatch.setenv("_TIMELINE_COMPLETE", "bash_complete")
    assert _quick.validate(["validate", str(FILES[0])]) is None
    assert capsys.readouterr() == ("", "")


@given(st.text(alphabet="/.ab", max_size=12))
def test_path_text_is_how_pathlib_names_a_path(arg: str) -> None:
    """The file's name in messages is ``str(Path(arg))``, without importing pathlib."""
    assert _quick.path_text(arg) == str(Path(arg))


def test_validate_command_does_not_import_typer(tmp_path: Path) -> None:
    """``timeline validate FILE`` runs without importing typer, click or pathlib, and exits
    with the command's status."""
    bad = DATA / "bad" / "bad-ids.yaml"
    code = (
        "import sys\n"
        "from timeline.cli import main\n"
        f"sys.argv = ['timeline', 'validate', {str(bad)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    status = exc.code\n"
        "names = ('typer', 'click', 'pathlib')\n"
        "print('LOADED', [m for m in names if m in sys.modules], status)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout
    loaded, status = out.strip().removeprefix("LOADED ").rsplit(" ", 1)
    assert ast.literal_eval(loaded) == []
    assert status == "1"
