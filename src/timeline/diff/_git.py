"""Versions of a chronology read from git: a revision's copy, the last commit before a date,
and the history of the file.

git runs as a subprocess, never through a shell, with ``--end-of-options`` before anything
the user typed. Every failure is a :class:`GitError` that says what went wrong in the
user's terms (not in a repository, unknown revision, no such file in that commit).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from timeline.dates import Date
from timeline.errors import TimelineError
from timeline.spec import MAX_BYTES

__all__ = [
    "Commit",
    "GitError",
    "Step",
    "Version",
    "commit_before",
    "history",
    "read_blobs",
    "read_revision",
    "revision_spec",
    "working_path",
]


class GitError(TimelineError):
    """git could not give what was asked; ``hint`` says what to do about it. ``outside``
    is True when the folder is not in a git repository at all."""

    def __init__(self, message: str, hint: str | None = None, *, outside: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.outside = outside


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit: its id, abbreviated id, committer date (ISO 8601 with the committer's
    offset) and subject line."""

    sha: str
    short: str
    date: str
    subject: str

    @property
    def day(self) -> str:
        """The committer's calendar day, ``YYYY-MM-DD``."""
        return self.date[:10]


@dataclass(frozen=True, slots=True)
class Version:
    """One side of a comparison: a chronology's bytes, the name to report it under
    (``HEAD~3:timeline.yaml``, or the file's path) and its commit, if it came from git."""

    label: str
    data: bytes
    commit: Commit | None = None


def _run(
    args: list[str], cwd: Path, *, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False, env=env
        )
    except FileNotFoundError:
        raise GitError("git is not installed, so no earlier version can be read") from None
    except NotADirectoryError:
        raise GitError(f"{cwd} is not a folder") from None


def _failed(done: subprocess.CompletedProcess[bytes], what: str) -> GitError:
    """An error for a git command that failed unexpectedly, with git's own words."""
    said = done.stderr.decode("utf-8", "replace").strip().splitlines()
    reason = said[-1].removeprefix("fatal: ") if said else f"exit status {done.returncode}"
    return GitError(f"git cannot read {what}: {reason}")


def _toplevel(cwd: Path, what: str) -> Path:
    done = _run(["rev-parse", "--show-toplevel"], cwd)
    if done.returncode != 0:
        place = "this folder is" if cwd == Path(".") else f"{cwd} is"
        raise GitError(
            f"{place} not in a git repository, so {what} cannot be read",
            "to compare two files, name them: timeline diff OLD.yaml NEW.yaml",
            outside=True,
        )
    return Path(os.fsdecode(done.stdout.strip()))


def _commit(rev: str, cwd: Path) -> Commit:
    """The commit ``rev`` names; GitError when it names none."""
    done = _run(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd)
    if done.returncode != 0:
        hint = None
        if rev == "HEAD" or rev.startswith(("HEAD~", "HEAD^")):
            count = _run(["rev-list", "--count", "HEAD"], cwd)
            if count.returncode != 0:
                hint = "the repository has no commits yet"
            else:
                n = int(count.stdout)
                hint = f"the branch has {n} commit{'' if n == 1 else 's'}"
        raise GitError(f"unknown revision '{rev}'", hint)
    sha = done.stdout.decode().strip()
    fields = _run(["show", "-s", "--format=%H%x1f%h%x1f%cI%x1f%s", sha], cwd)
    return _parse_commit(fields.stdout.decode("utf-8", "replace").strip())


def _parse_commit(line: str) -> Commit:
    sha, short, date, subject = line.split("\x1f", 3)
    return Commit(sha, short, date, subject)


def revision_spec(text: str) -> tuple[str, str] | None:
    """``(revision, path)`` of ``REV:PATH`` or ``REV:`` (path empty); None for a plain path."""
    rev, colon, path = text.partition(":")
    if not colon or not rev:
        return None
    return rev, path


def read_revision(rev: str, path: str, cwd: Path, label: str) -> Version:
    """The file at ``path`` in revision ``rev``, as git reads ``REV:PATH`` in ``cwd``
    (a path relative to the repository's top, or to ``cwd`` when it starts with ``./``)."""
    _toplevel(cwd, label)
    commit = _commit(rev, cwd)
    spec = f"{commit.sha}:{path}"
    kind = _run(["cat-file", "-t", spec], cwd)
    if kind.returncode != 0:
        relative = path.startswith(("./", "../"))
        raise GitError(
            f"{path.removeprefix('./')} does not exist in {rev} ({commit.short}, {commit.day})",
            None
            if relative
            else "a path after ':' is read from the top of the repository; "
            "start it with ./ for a path from the current folder",
        )
    if kind.stdout.strip() != b"blob":
        raise GitError(f"{path} is a folder in {rev}, not a chronology file")
    size = _run(["cat-file", "-s", spec], cwd).stdout.strip()
    if size.isdigit() and int(size) > MAX_BYTES:
        # Checked before the blob is read, as every file is.
        raise GitError(f"{path} in {rev} is {int(size):,} bytes; the limit is {MAX_BYTES:,} bytes")
    done = _run(["cat-file", "blob", spec], cwd)
    return Version(label, done.stdout, commit)


def working_path(path: str, cwd: Path) -> Path:
    """The working copy of the file ``REV:PATH`` names, as a path from ``cwd``."""
    if path.startswith(("./", "../")):
        return cwd / path if cwd != Path(".") else Path(path)
    _toplevel(cwd, path)
    up = _run(["rev-parse", "--show-cdup"], cwd).stdout.decode().strip()
    return Path(os.path.relpath(cwd / up / path, cwd)) if up else cwd / path


def file_spec(file: Path) -> tuple[Path, str]:
    """The folder to run git in for ``file``, and the path that names it from there."""
    return (file.parent if str(file.parent) else Path(".")), f"./{file.name}"


def commit_before(when: Date, cwd: Path, what: str) -> Commit:
    """The last commit (of the current branch, in the repository at ``cwd``) made before the
    start of ``when``; ``what`` names the file for error messages.

    A date without a UTC offset is read in the local time zone, as git reads dates.
    """
    _toplevel(cwd, f"the history of {what}")
    year, month, day, hour, minute, second = when.parts
    wall = datetime(year, month or 1, day or 1, hour, minute, second)
    found = None
    # git keeps no dates before 1970: nothing can have been committed before then.
    if when.year > 1970:
        if when.offset is not None:
            start = wall.replace(tzinfo=timezone(timedelta(minutes=when.offset)))
        else:
            start = wall.astimezone()  # the local zone's offset on that day
        # git includes commits made exactly at the limit; one second earlier keeps "before".
        limit = start.astimezone(UTC) - timedelta(seconds=1)
        done = _run(
            [
                "rev-list",
                "-1",
                f"--before={limit:%Y-%m-%d %H:%M:%S} +0000",
                "HEAD",
            ],
            cwd,
        )
        found = done.stdout.decode().strip() if done.returncode == 0 else None
    if not found:
        first = _run(["log", "--reverse", "--format=%cs", "HEAD"], cwd)
        days = first.stdout.decode().split()
        hint = f"the first commit is of {days[0]}" if days else "the repository has no commits yet"
        raise GitError(f"no commit before {when.text}", hint)
    return _commit(found, cwd)


@dataclass(frozen=True, slots=True)
class Step:
    """One commit of a file's history: the names of the file before and after it (as
    ``SHA:PATH``; None where the file did not exist)."""

    commit: Commit
    before: str | None
    after: str | None


def history(file: Path) -> list[Step]:
    """Every commit that changed ``file``, newest first, following renames."""
    cwd, path = file_spec(file)
    _toplevel(cwd, f"the history of {file}")
    head = _run(["rev-parse", "--verify", "--quiet", "HEAD"], cwd)
    if head.returncode != 0:
        return []
    done = _run(
        [
            "log",
            "-z",
            "--follow",
            "--format=%x1e%H%x1f%h%x1f%cI%x1f%s%x1f%P",
            "--name-status",
            "--",
            path,
        ],
        cwd,
    )
    if done.returncode != 0:
        raise _failed(done, f"the history of {file}")
    steps = []
    for record in done.stdout.decode("utf-8", "replace").split("\x1e"):
        header, _, changes = record.partition("\x00\n")
        tokens = [t for t in changes.split("\x00") if t]
        if not header or not tokens:
            continue  # a merge: its changes are in the commits it merges
        *fields, parents = header.split("\x1f")
        commit = _parse_commit("\x1f".join(fields))
        parent = parents.split()[0] if parents.split() else None
        status = tokens[0]
        if status[0] in "RC":
            old_path, new_path = tokens[1], tokens[2]
        else:
            old_path = new_path = tokens[1]
        before = f"{parent}:{old_path}" if parent and status[0] not in "AC" else None
        after = f"{commit.sha}:{new_path}" if status[0] != "D" else None
        steps.append(Step(commit, before, after))
    return steps


#: The most bytes of versions one history is read in (each version is within MAX_BYTES).
MAX_HISTORY = 1 << 30


def _check_sizes(names: list[str], cwd: Path, file: Path) -> None:
    """GitError, before any version is read, when one is over the size limit or all of
    them together over :data:`MAX_HISTORY`."""
    done = _run(["cat-file", "--batch-check"], cwd, stdin="".join(f"{n}\n" for n in names).encode())
    total = 0
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            size = int(parts[2])
            if size > MAX_BYTES:
                raise GitError(
                    f"a version of {file} ({parts[0][:12]}) is {size:,} bytes; the limit is "
                    f"{MAX_BYTES:,} bytes"
                )
            total += size
    if total > MAX_HISTORY:
        raise GitError(
            f"the versions of {file} hold {total:,} bytes together; the limit is {MAX_HISTORY:,}",
            "read fewer versions with --since",
        )


def read_blobs(names: list[str], file: Path) -> dict[str, bytes | None]:
    """The contents of ``SHA:PATH`` names in one git process (None for a missing one)."""
    cwd, _ = file_spec(file)
    unique = list(dict.fromkeys(names))
    if not unique:
        return {}
    _check_sizes(unique, cwd, file)
    done = _run(["cat-file", "--batch"], cwd, stdin="".join(f"{n}\n" for n in unique).encode())
    if done.returncode != 0:
        raise _failed(done, f"the versions of {file}")
    out: dict[str, bytes | None] = {}
    data = done.stdout
    at = 0
    for name in unique:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        if len(header) != 3 or header[-1] == b"missing" or not header[2].isdigit():
            out[name] = None
            at = end + 1
            continue
        size = int(header[2])
        out[name] = data[end + 1 : end + 1 + size] if header[1] == b"blob" else None
        at = end + 1 + size + 1
    return out
