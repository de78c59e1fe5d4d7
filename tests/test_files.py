"""Nothing is lost: atomic writes, symlinks, modes, interrupted and concurrent renders."""

from __future__ import annotations

import json
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


# -- hardening: targets that are not plain files, leftovers, the render cache ---------------


def _export(src: Path, target: Path) -> object:
    return runner.invoke(app, ["export", str(src), "--to", "csv", "-o", str(target)])


def test_export_onto_a_fifo_writes_into_it(chronology: Path, tmp_path: Path) -> None:
    """`export -o FIFO` writes into the pipe; the FIFO is still a FIFO afterwards (it was
    once replaced by a regular file, as `-o /dev/null` would replace /dev/null as root)."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = _export(chronology, fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got
    assert got[0].startswith(b"id,date,end,title")


def test_export_onto_a_device_writes_into_it(chronology: Path) -> None:
    """`export -o /dev/null` writes into the device and leaves it a device."""
    before = os.stat("/dev/null")
    result = _export(chronology, Path("/dev/null"))
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert after.st_rdev == before.st_rdev


def test_a_path_naming_an_open_descriptor_is_written_to_it(tmp_path: Path) -> None:
    """A symlink to /proc/self/fd/N (what /dev/stdout is) is written through the
    descriptor; the link itself is left as it is."""
    target = tmp_path / "captured.txt"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        link = tmp_path / "stdout"
        link.symlink_to(f"/proc/self/fd/{fd}")
        if not Path(f"/proc/self/fd/{fd}").exists():
            pytest.skip("no /proc/self/fd")
        write_atomic(link, b"one ", special=True)
        write_atomic(link, b"two", special=True)
        assert link.is_symlink()
    finally:
        os.close(fd)
    assert target.read_bytes() == b"one two"


def test_render_outputs_are_never_written_into_a_device(chronology: Path, tmp_path: Path) -> None:
    """A FIFO where a render output should go is an error naming it; nothing is written
    (render outputs are never written into devices or pipes)."""
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "timeline.txt")
    result = runner.invoke(app, ["render", str(chronology), "-o", str(out), "--format", "md,txt"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"timeline: error: cannot write to {out / 'timeline.txt'}: Not a regular file"
    )
    assert sorted(p.name for p in out.iterdir()) == ["timeline.txt"]


def test_a_folder_in_place_of_an_output_is_named_and_nothing_is_written(
    chronology: Path, tmp_path: Path
) -> None:
    """A folder where an output file should go is reported by its own path, before any
    output is written (once: reported as the output folder, after some were written)."""
    out = tmp_path / "out"
    (out / "timeline.txt").mkdir(parents=True)
    result = runner.invoke(app, ["render", str(chronology), "-o", str(out), "--format", "md,txt"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"timeline: error: cannot write to {out / 'timeline.txt'}: Is a directory"
    )
    assert sorted(p.name for p in out.iterdir()) == ["timeline.txt"]
    export = runner.invoke(app, ["export", str(chronology), "--to", "csv", "-o", str(out)])
    assert export.exit_code == 1
    assert export.stderr.strip() == f"timeline: error: cannot write {out}: is a folder, not a file"
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("date,title\n2011,a\n", encoding="utf-8")
    imported = runner.invoke(app, ["import", str(csv_file), "-o", str(out)])
    assert imported.exit_code == 2
    assert imported.stderr.strip() == (
        f"timeline: error: {out}: is a folder, not a file (hint: choose another -o PATH)"
    )


def test_stale_temporary_files_are_removed_by_the_next_write(tmp_path: Path) -> None:
    """A temporary file left by a writer killed with SIGKILL is removed by the next write to
    the same file once it is old and held by no process; a young or held one is kept, and
    so is every file not of our naming."""
    import fcntl
    import time

    from timeline._atomic import STALE_AFTER

    old = time.time() - STALE_AFTER - 10
    stale = tmp_path / ".f.txt.abcd1234.tmp"
    young = tmp_path / ".f.txt.young123.tmp"
    held = tmp_path / ".f.txt.held1234.tmp"
    other = tmp_path / ".g.txt.abcd1234.tmp"
    for path in (stale, young, held, other):
        path.write_bytes(b"partial")
    for path in (stale, held, other):
        os.utime(path, (old, old))
    holder = os.open(held, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        write_atomic(tmp_path / "f.txt", b"new")
    finally:
        os.close(holder)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["f.txt", young.name, held.name, other.name])


def test_a_render_killed_while_writing_leaves_nothing_the_next_render_keeps(
    chronology: Path, tmp_path: Path
) -> None:
    """`kill -9` in the middle of a render's writes: the next render removes the
    temporary files of its outputs once they are stale."""
    import signal
    import time

    from timeline._atomic import STALE_AFTER

    out = tmp_path / "out"
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "import timeline._atomic as a\n"
        "real = os.replace\n"
        "def stop(src, dst):\n"
        "    os.kill(os.getpid(), 9)\n"
        "a.os.replace = stop\n"
        "from timeline.cli import main\n"
        "sys.argv = ['timeline', 'render', sys.argv[1], '-o', sys.argv[2], '--format', 'md']\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(chronology), str(out)], check=False)
    assert proc.returncode == -signal.SIGKILL
    left = [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1
    old = time.time() - STALE_AFTER - 1
    os.utime(left[0], (old, old))
    _render(chronology, out, "--format", "md", "--force")
    assert sorted(p.name for p in out.iterdir()) == [".timeline-render.json", "timeline.md"]


def test_render_cache_manifest_is_never_read_through_a_symlink(
    chronology: Path, tmp_path: Path
) -> None:
    """A manifest that is a symlink (to /dev/zero: it once exhausted memory) or a FIFO in
    place of an output means "render again", at once."""
    from timeline.render import _cache

    out = tmp_path / "out"
    _render(chronology, out)
    manifest = out / _cache.MANIFEST
    manifest.unlink()
    manifest.symlink_to("/dev/zero")
    assert _cache.is_fresh(out, "any key") is None
    manifest.unlink()
    _render(chronology, out, "--force")
    (out / "timeline.md").unlink()
    os.mkfifo(out / "timeline.md")
    key = json.loads(manifest.read_text())["key"]
    assert _cache.is_fresh(out, key) is None


def test_render_cache_key_covers_the_packages_and_fonts_that_shape_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache key changes when Pillow, numpy or fonttools change version, or when a
    font is installed (once: stale outputs were reported up to date)."""
    from timeline.render import _cache

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    base = _cache.key(b"x", "options", None)
    for package in ("pillow", "numpy", "fonttools"):
        real = _cache._version

        def bumped(name: str, package: str = package, real: object = real) -> str:
            return "999" if name == package else real(name)  # type: ignore[operator]

        monkeypatch.setattr(_cache, "_version", bumped)
        assert _cache.key(b"x", "options", None) != base, package
        monkeypatch.setattr(_cache, "_version", real)
    assert _cache.key(b"x", "options", None) == base
    fonts = tmp_path / "data" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "New.ttf").write_bytes(b"not really a font")
    assert _cache.key(b"x", "options", None) != base


def test_render_cache_module_imports_no_importlib_metadata() -> None:
    """Importing the render cache (which `timeline render` does at start) does not import
    importlib.metadata: only computing a key does."""
    code = "import sys\nimport timeline.render._cache\nprint('importlib.metadata' in sys.modules)\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_init_creates_its_file_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`timeline init` writes through a temporary file linked under the new name: an
    interrupted init leaves no file and no temporary; an existing file is never touched."""
    from timeline._atomic import write_new

    target = tmp_path / "new.yaml"
    write_new(target, b"first")
    with pytest.raises(FileExistsError):
        write_new(target, b"second")
    assert target.read_bytes() == b"first"

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_new(tmp_path / "other.yaml", b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]


def test_versions_read_from_git_are_bounded_before_they_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`timeline diff` and `log` read earlier versions from git: a version over the size
    limit, or versions over the history limit together, are refused from git's sizes before
    any is read."""
    import shutil

    from timeline.diff import _git

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "E",
        "GIT_AUTHOR_EMAIL": "e@example.org",
        "GIT_COMMITTER_NAME": "E",
        "GIT_COMMITTER_EMAIL": "e@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=tmp_path, env=env, capture_output=True, check=True
        )
        return done.stdout.decode().strip()

    git("init", "-q")
    (tmp_path / "t.yaml").write_text(GOOD, encoding="utf-8")
    git("add", "t.yaml")
    git("commit", "-q", "-m", "one")
    blob = git("rev-parse", "HEAD:t.yaml")
    size = len(GOOD.encode())
    assert _git.read_revision("HEAD", "t.yaml", tmp_path, "HEAD:t.yaml").data == GOOD.encode()
    monkeypatch.setattr(_git, "MAX_BYTES", size - 1)
    with pytest.raises(_git.GitError, match=f"is {size:,} bytes; the limit is {size - 1:,}"):
        _git.read_revision("HEAD", "t.yaml", tmp_path, "HEAD:t.yaml")
    with pytest.raises(_git.GitError, match=f"a version of .* \\({blob[:12]}\\) is {size:,}"):
        _git.read_blobs([f"{blob}"], tmp_path / "t.yaml")
    monkeypatch.setattr(_git, "MAX_BYTES", size)
    monkeypatch.setattr(_git, "MAX_HISTORY", size - 1)
    with pytest.raises(_git.GitError, match=r"hold .* bytes together"):
        _git.read_blobs([f"{blob}"], tmp_path / "t.yaml")
