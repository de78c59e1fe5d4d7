"""What changed between two versions of a chronology.

:func:`diff` compares two chronologies and classifies every difference (:class:`Changes`);
:func:`apply` rebuilds the new version from the old one and the changes. The writers turn
changes into a terminal review (:func:`render_text`), a publishable updates note
(:func:`render_markdown`) and documented JSON (:func:`render_json`). :func:`read_revision`,
:func:`commit_before` and :func:`log` read versions and history from git, and
:func:`render_notes` gives the rendered outputs their "new" and "updated" marks.

Import names from here (``from timeline.diff import Changes``): ``timeline.diff`` itself,
as an attribute of the package, is the function.
"""

from typing import TYPE_CHECKING, Any

from timeline.diff._changes import EVENT_FIELDS, Changes, EventChange, FieldChange, ItemChange
from timeline.diff._compare import diff

if TYPE_CHECKING:
    from timeline.diff._apply import apply
    from timeline.diff._git import (
        Commit,
        GitError,
        Version,
        commit_before,
        read_revision,
        revision_spec,
    )
    from timeline.diff._json import SCHEMA, render_json
    from timeline.diff._log import LogEntry, event_history, log, render_event_history, render_log
    from timeline.diff._markdown import render_markdown
    from timeline.diff._notes import NoteItem, RenderNotes, render_notes
    from timeline.diff._text import render_text

#: Where each name imported on first use lives: ``import timeline`` (which imports
#: :func:`diff`) does not pay for git, JSON and the writers.
_LAZY = {
    "apply": "_apply",
    "Commit": "_git",
    "GitError": "_git",
    "Version": "_git",
    "commit_before": "_git",
    "read_revision": "_git",
    "revision_spec": "_git",
    "SCHEMA": "_json",
    "render_json": "_json",
    "LogEntry": "_log",
    "event_history": "_log",
    "log": "_log",
    "render_event_history": "_log",
    "render_log": "_log",
    "render_markdown": "_markdown",
    "NoteItem": "_notes",
    "RenderNotes": "_notes",
    "render_notes": "_notes",
    "render_text": "_text",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "EVENT_FIELDS",
    "SCHEMA",
    "Changes",
    "Commit",
    "EventChange",
    "FieldChange",
    "GitError",
    "ItemChange",
    "LogEntry",
    "NoteItem",
    "RenderNotes",
    "Version",
    "apply",
    "commit_before",
    "diff",
    "event_history",
    "log",
    "read_revision",
    "render_event_history",
    "render_json",
    "render_log",
    "render_markdown",
    "render_notes",
    "render_text",
    "revision_spec",
]
