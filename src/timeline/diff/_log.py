"""A chronology's history from git: what each commit changed, and the story of one event.

Each version of the file is read and checked once (versions repeat across commits). A
commit is compared with its parent's version of the file; where that version cannot be
read (it had errors), with the last readable version before it, so nothing is lost.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from timeline.diff._changes import Changes, EventChange
from timeline.diff._compare import diff
from timeline.diff._git import Commit, Step, history, read_blobs
from timeline.diff._text import _Writer, describe
from timeline.diff._words import count, summary_line
from timeline.loader.validate import check_bytes
from timeline.model import Timeline

__all__ = ["LogEntry", "event_history", "log", "render_event_history", "render_log"]


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One commit that changed the file.

    ``status`` is ``created`` (the file appears), ``deleted``, ``changed`` or
    ``unreadable`` (this version has errors: ``problem`` says how many). ``changes`` is
    None only for an unreadable version; a created file's changes list everything as added.
    """

    commit: Commit
    status: Literal["created", "changed", "deleted", "unreadable"]
    changes: Changes | None
    problem: str | None = None


def _empty(t: Timeline) -> Timeline:
    """``t`` with nothing in it, to compare a first or last version with."""
    return dataclasses.replace(t, events=(), sources={}, groups={}, eras=(), views={})


def log(file: Path) -> list[LogEntry]:
    """Every commit that changed ``file``, newest first, with what it changed."""
    steps = history(file)
    blobs = read_blobs([n for s in steps for n in (s.before, s.after) if n], file)
    reader = _Reader(blobs, file)
    entries: list[LogEntry] = []
    last_good: Timeline | None = None
    # Oldest first, so a version that cannot be read is bridged by the last one that can.
    for step in reversed(steps):
        entries.append(reader.entry(step, last_good))
        after = reader.version(step.after, step)
        if isinstance(after, Timeline):
            last_good = after
    entries.reverse()
    return entries


class _Reader:
    def __init__(self, blobs: dict[str, bytes | None], file: Path) -> None:
        self.blobs = blobs
        self.file = file
        self.loaded: dict[bytes, Timeline | str] = {}

    def version(self, name: str | None, step: Step) -> Timeline | str | None:
        """The chronology ``name`` names, a sentence saying why it cannot be read, or None
        when the file does not exist there."""
        data = self.blobs.get(name) if name else None
        if data is None:
            return None
        found = self.loaded.get(data)
        if found is None:
            label = f"{step.commit.short}:{self.file.name}"
            report = check_bytes(data, label)
            found = report.timeline if report.ok and report.timeline else ""
            if not isinstance(found, Timeline):
                errors = sum(1 for d in report.diagnostics if d.severity == "error")
                found = f"this version has {count(errors, 'error')}"
            self.loaded[data] = found
        return found

    def entry(self, step: Step, last_good: Timeline | None) -> LogEntry:
        after = self.version(step.after, step)
        before = self.version(step.before, step)
        if isinstance(before, str):
            before = last_good
        if isinstance(after, str):
            return LogEntry(step.commit, "unreadable", None, after)
        if after is None:
            base = before or last_good
            if base is None:
                return LogEntry(step.commit, "deleted", None)
            return LogEntry(step.commit, "deleted", diff(base, _empty(base)))
        if before is None:
            return LogEntry(step.commit, "created", diff(_empty(after), after))
        return LogEntry(step.commit, "changed", diff(before, after))


def render_log(entries: list[LogEntry], *, color: bool = False) -> str:
    """One line per commit: ``b7f8398 2026-11-26 redated: protests; … (subject)``."""
    w = _Writer(color)
    for e in entries:
        w.line(f"{_head(w, e.commit)} {_what(e)}  ({e.commit.subject})")
    return w.text() if entries else ""


def _head(w: _Writer, commit: Commit) -> str:
    return f"{w.style(_YELLOW, commit.short)} {commit.day}"


_YELLOW = "\033[33m"


def _what(e: LogEntry) -> str:
    if e.status == "unreadable":
        return f"cannot be compared: {e.problem}"
    assert e.changes is not None
    c = e.changes
    if e.status in ("created", "deleted"):
        t = c.new if e.status == "created" else c.old
        parts = [
            count(len(t.events), "event"),
            count(len(t.sources), "source"),
            count(len(t.groups), "group"),
            count(len(t.eras), "era"),
            count(len(t.views), "view"),
        ]
        return f"{e.status}: {', '.join(p for p in parts if not p.startswith('0 '))}"
    return summary_line(c)


def event_history(entries: list[LogEntry], event_id: str) -> list[tuple[LogEntry, EventChange]]:
    """Every change of one event, newest first, following it back through changes of id."""
    out = []
    current = event_id
    for entry in entries:
        if entry.changes is None:
            continue
        for c in entry.changes.events:
            new_id = c.new.id if c.new is not None else None
            if new_id == current or (c.kind == "removed" and c.event.id == current):
                out.append((entry, c))
                if c.old is not None:
                    current = c.old.id
                break
    return out


def render_event_history(
    changes: list[tuple[LogEntry, EventChange]], *, color: bool = False
) -> str:
    """One line per change of the event: when it was added, redated, confirmed, removed."""
    w = _Writer(color)
    for entry, c in changes:
        assert entry.changes is not None
        if c.kind == "changed":
            old, new = entry.changes.old, entry.changes.new
            what = "; ".join(w.field(f, c, old, new) for f in c.fields)
        else:
            what = f"{c.kind}: {describe(c.event)}"
        w.line(f"{_head(w, entry.commit)} {what}  ({entry.commit.subject})")
    return w.text() if changes else ""


def known_ids(entries: list[LogEntry]) -> set[str]:
    """Every event id the history mentions."""
    ids: set[str] = set()
    for entry in entries:
        if entry.changes is not None:
            for c in entry.changes.events:
                ids.update(e.id for e in (c.old, c.new) if e is not None)
    return ids
