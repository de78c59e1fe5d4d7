"""The command's own process: ending without freeing what ``fmt`` read, and reading beside
(:mod:`timeline._process`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline import _process
from timeline.cli import app
from timeline.fmt import format_file

UNSORTED = "title: T\nevents:\n  - {date: 2012, title: B}\n  - {date: 2011, title: A}\n"
FORMATTED = "title: T\n\nevents:\n  - date: 2011\n    title: A\n\n  - date: 2012\n    title: B\n"

#: Runs the command as its entry point does, saying on standard error whether the process
#: ended through os._exit and how much it held.
_SCRIPT = (
    "import os, sys\n"
    "from timeline import _process\n"
    "real = os._exit\n"
    "def left(status):\n"
    "    sys.stderr.write(f'left {status} holding {len(_process._kept or [])}\\n')\n"
    "    sys.stderr.flush()\n"
    "    real(status)\n"
    "os._exit = left\n"
    "from timeline.cli import main\n"
    "sys.argv = ['timeline', *sys.argv[1:]]\n"
    "main()\n"
)


def _run(*args: str, script: str = _SCRIPT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False
    )


#: :data:`_SCRIPT`, saying on standard error how many child processes it forked.
_COUNTING = (
    "import os, sys\n"
    "real_fork = os.fork\n"
    "def fork():\n"
    "    pid = real_fork()\n"
    "    if pid:\n"
    "        sys.stderr.write('forked\\n')\n"
    "    return pid\n"
    "os.fork = fork\n" + _SCRIPT
)


def test_fmt_reads_a_large_file_beside_its_validation_in_a_child_process(
    tmp_path: Path,
) -> None:
    """On a machine with a second core the command reads a large file's layout tree in a
    child process while it validates (the original, then the result in the proof), and
    writes what the library writes reading it in one process."""
    from timeline.fmt import format_text
    from timeline.fmt._aside import FORK_FROM

    events = "".join(
        f"  - title: Event {i}\n    date: {2000 - i % 100}\n    summary: >-\n"
        f"      A summary of event {i},\n      on two lines.\n    tags: [a, b]\n"
        for i in range(2500)
    )
    text = "title: T\nevents:\n" + events
    assert len(text) > FORK_FROM
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    proc = _run("fmt", str(path), script=_COUNTING)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("forked") == (2 if len(os.sched_getaffinity(0)) > 1 else 0)
    assert path.read_text(encoding="utf-8") == format_text(text)
    proc = _run("fmt", "--check", str(path), script=_COUNTING)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("forked") == (1 if len(os.sched_getaffinity(0)) > 1 else 0)


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


def test_render_ends_its_process_without_freeing_what_it_made(tmp_path: Path) -> None:
    """``timeline render`` ends the process without freeing the chronology and outputs,
    once every file is written and what it says is flushed."""
    path = tmp_path / "timeline.yaml"
    path.write_text(FORMATTED, encoding="utf-8")
    out = tmp_path / "out"
    proc = _run("render", str(path), "-o", str(out), "--format", "md,txt")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        f"wrote {out / 'timeline.md'}",
        f"wrote {out / 'timeline.txt'}",
    ]
    assert proc.stderr.splitlines()[-1].startswith("left 0 holding ")
    assert "**2011** — A." in (out / "timeline.md").read_text(encoding="utf-8")


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
    assert _process._kept is None
    assert not _process.kept()


def test_only_the_last_file_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``timeline fmt a b c`` frees each file but the last as it goes: memory does not grow
    with the number of files."""
    monkeypatch.setattr(_process, "_claimed", True)
    monkeypatch.setattr(_process, "_kept", None)
    keeping: list[bool] = []
    import timeline.fmt as fmt_module

    real = fmt_module.format_file

    def spy(path: Path, **kwargs: object) -> object:
        keeping.append(_process._kept is not None)
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
    assert _process.kept()


@pytest.mark.parametrize(
    ("code", "status", "err"), [(None, 0, ""), (3, 3, ""), ("went wrong", 1, "went wrong\n")]
)
def test_leaving_reads_the_status_as_system_exit_does(code: object, status: int, err: str) -> None:
    """:func:`timeline._process.leave` ends with the status a :class:`SystemExit` of the same
    code would, after what was printed is flushed."""
    script = (
        "import sys\n"
        "from timeline import _process\n"
        "sys.stdout.write('printed')\n"
        f"_process.leave({code!r})\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert proc.returncode == status
    assert proc.stdout == "printed"
    assert proc.stderr == err
