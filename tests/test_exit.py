"""Ending the command's process without freeing what ``fmt`` read (:mod:`timeline._exit`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline import _exit
from timeline.cli import app
from timeline.fmt import format_file

UNSORTED = "title: T\nevents:\n  - {date: 2012, title: B}\n  - {date: 2011, title: A}\n"
FORMATTED = "title: T\n\nevents:\n  - date: 2011\n    title: A\n\n  - date: 2012\n    title: B\n"

#: Runs the command as its entry point does, saying on standard error whether the process
#: ended through os._exit and how much it held.
_SCRIPT = (
    "import os, sys\n"
    "from timeline import _exit\n"
    "real = os._exit\n"
    "def left(status):\n"
    "    sys.stderr.write(f'left {status} holding {len(_exit._kept or [])}\\n')\n"
    "    sys.stderr.flush()\n"
    "    real(status)\n"
    "os._exit = left\n"
    "from timeline.cli import main\n"
    "sys.argv = ['timeline', *sys.argv[1:]]\n"
    "main()\n"
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _SCRIPT, *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("text", "args", "status", "said"),
    [
        (FORMATTED, ["--check"], 0, "{path}: already formatted"),
        (UNSORTED, ["--check"], 1, "would reformat {path}"),
        (UNSORTED, [], 0, "reformatted {path}"),
    ],
)
def test_fmt_ends_its_process_without_freeing_what_it_read(
    tmp_path: Path, text: str, args: list[str], status: int, said: str
) -> None:
    """``timeline fmt`` holds what it read until the process ends, and ends it with the
    status and messages it always had, everything flushed."""
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    proc = _run("fmt", *args, str(path))
    assert proc.returncode == status
    lines = proc.stderr.splitlines()
    assert lines[0] == said.format(path=path)
    assert lines[1].startswith(f"left {status} holding ")
    assert int(lines[1].rsplit(" ", 1)[1]) > 0
    if not args:
        assert path.read_text(encoding="utf-8") == FORMATTED


def test_other_commands_end_as_usual(tmp_path: Path) -> None:
    """A command that keeps nothing (here ``show``) ends its process the usual way."""
    path = tmp_path / "timeline.yaml"
    path.write_text(FORMATTED, encoding="utf-8")
    proc = _run("show", str(path))
    assert proc.returncode == 0
    assert "left" not in proc.stderr
    assert "A" in proc.stdout


def test_a_library_caller_keeps_nothing(tmp_path: Path) -> None:
    """Formatting from the library (or a test running the command in its own process)
    frees what it read as usual: nothing is held."""
    path = tmp_path / "timeline.yaml"
    path.write_text(UNSORTED, encoding="utf-8")
    assert format_file(path, check=True).changed
    result = CliRunner().invoke(app, ["fmt", "--check", str(path)])
    assert result.exit_code == 1
    assert _exit._kept is None
    assert not _exit.kept()


def test_only_the_last_file_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``timeline fmt a b c`` frees each file but the last as it goes: memory does not grow
    with the number of files."""
    monkeypatch.setattr(_exit, "_enabled", True)
    monkeypatch.setattr(_exit, "_kept", None)
    keeping: list[bool] = []
    import timeline.fmt as fmt_module

    real = fmt_module.format_file

    def spy(path: Path, **kwargs: object) -> object:
        keeping.append(_exit._kept is not None)
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fmt_module, "format_file", spy)
    paths = []
    for name in "abc":
        path = tmp_path / f"{name}.yaml"
        path.write_text(FORMATTED, encoding="utf-8")
        paths.append(str(path))
    result = CliRunner().invoke(app, ["fmt", "--check", *paths])
    assert result.exit_code == 0
    assert keeping == [False, False, True]
    assert _exit.kept()


@pytest.mark.parametrize(
    ("code", "status", "err"), [(None, 0, ""), (3, 3, ""), ("went wrong", 1, "went wrong\n")]
)
def test_leaving_reads_the_status_as_system_exit_does(code: object, status: int, err: str) -> None:
    """:func:`timeline._exit.leave` ends with the status a :class:`SystemExit` of the same
    code would, after what was printed is flushed."""
    script = (
        "import sys\n"
        "from timeline import _exit\n"
        "sys.stdout.write('printed')\n"
        f"_exit.leave({code!r})\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert proc.returncode == status
    assert proc.stdout == "printed"
    assert proc.stderr == err
