"""Nothing is lost: atomic writes, symlinks, modes, interrupted and concurrent renders."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline._atomic import write_atomic
from timeline.cli import app

from .test_cli import GOOD as WITH_VIEWS

runner = CliRunner()
# Without views, the outputs are named after the default view: timeline.md, timeline.txt.
GOOD = WITH_VIEWS[: WITH_VIEWS.index("views:")]


@pytest.fixture
def chronology(tmp_path: Path) -> Path:
    path = tmp_path / "timeline.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _render(src: Path, out: Path, *extra: str) -> None:
    result = runner.invoke(app, ["render", str(src), "-o", str(out), "--format", "md,txt", *extra])
    assert result.exit_code == 0, result.stderr


def test_replacing_keeps_the_mode(tmp_path: Path) -> None:
    """A replaced file keeps its permission bits."""
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_symlink_is_replaced_not_followed(tmp_path: Path) -> None:
    """A symlink planted in the output folder is replaced; its target is never written."""
    target = tmp_path / "precious.txt"
    target.write_bytes(b"keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / "timeline.md").symlink_to(target)
    src = tmp_path / "timeline.yaml"
    src.write_text(GOOD, encoding="utf-8")
    _render(src, out)
    assert target.read_bytes() == b"keep me"
    assert not (out / "timeline.md").is_symlink()


def test_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between writing and renaming keeps the old file and leaves no temporary file."""
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


def test_unwritable_output_folder_is_one_clear_error(chronology: Path, tmp_path: Path) -> None:
    """An output path that cannot be a folder gives one line and exit 1."""
    blocker = tmp_path / "blocked"
    blocker.write_bytes(b"a file, not a folder")
    result = runner.invoke(
        app, ["render", str(chronology), "-o", str(blocker / "out"), "--format", "md"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"timeline: error: cannot write to {blocker / 'out'}:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_invalid_input_writes_nothing(tmp_path: Path) -> None:
    """A file with errors renders nothing at all."""
    src = tmp_path / "bad.yaml"
    src.write_text("title: T\nevents:\n  - {date: 2011-13, title: a}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()


def test_unchanged_render_is_skipped_and_force_renders(chronology: Path, tmp_path: Path) -> None:
    """A second render with nothing changed writes nothing; --force writes again."""
    out = tmp_path / "out"
    _render(chronology, out)
    first = (out / "timeline.md").stat().st_mtime_ns
    result = runner.invoke(app, ["render", str(chronology), "-o", str(out), "--format", "md,txt"])
    assert result.exit_code == 0
    assert "up to date" in result.stdout
    assert (out / "timeline.md").stat().st_mtime_ns == first
    (out / "timeline.md").write_text("edited by hand", encoding="utf-8")
    _render(chronology, out)  # a changed output is not "up to date"
    assert (out / "timeline.md").read_text(encoding="utf-8") != "edited by hand"
    result = runner.invoke(
        app, ["render", str(chronology), "-o", str(out), "--format", "md,txt", "--force"]
    )
    assert "wrote" in result.stdout


def test_check_reports_stale_outputs_without_writing(chronology: Path, tmp_path: Path) -> None:
    """--check exits 1 naming what would change, and writes nothing."""
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["render", str(chronology), "-o", str(out), "--format", "md", "--check"]
    )
    assert result.exit_code == 1
    assert result.stdout.strip() == f"would change: {out / 'timeline.md'}"
    assert not out.exists()
    _render(chronology, out, "--force")
    result = runner.invoke(
        app, ["render", str(chronology), "-o", str(out), "--format", "md,txt", "--check"]
    )
    assert result.exit_code == 0


def test_two_renders_at_once_both_finish_intact(chronology: Path, tmp_path: Path) -> None:
    """Two processes rendering into the same folder both succeed with complete outputs."""
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "timeline",
        "render",
        str(chronology),
        "-o",
        str(out),
        "--format",
        "md,txt,html",
        "--force",
        "-q",
    ]
    procs = [subprocess.Popen(cmd, stderr=subprocess.PIPE) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    _render(chronology, tmp_path / "reference", "--force")
    for name in ("timeline.md", "timeline.txt"):
        assert (out / name).read_bytes() == (tmp_path / "reference" / name).read_bytes()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_disk_full_is_one_error_and_keeps_previous_outputs(
    chronology: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk gives one error line, exit 1, the previous file and no temporary file."""
    import errno

    from timeline import _atomic

    out = tmp_path / "out"
    out.mkdir()
    (out / "timeline.md").write_bytes(b"previous")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int) -> None:
            self.f = real_fdopen(fd, "wb")

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.f.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(_atomic.os, "fdopen", lambda fd, mode: FullDisk(fd))
    result = runner.invoke(app, ["render", str(chronology), "-o", str(out), "--format", "md"])
    assert result.exit_code == 1
    assert (
        result.stderr.strip() == f"timeline: error: cannot write to {out}: No space left on device"
    )
    assert (out / "timeline.md").read_bytes() == b"previous"
    assert sorted(p.name for p in out.iterdir()) == ["timeline.md"]
