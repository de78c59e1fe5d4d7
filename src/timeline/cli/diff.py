"""``timeline diff`` and ``timeline log``: what changed between versions of a chronology.

Exit codes of ``diff`` follow diff(1): 0 no changes, 1 changes, 2 the command line is
wrong or a version cannot be read (no such file or revision, or a version with errors).
The library (:mod:`timeline.diff`) is imported inside the commands, so other commands do
not pay for it.
"""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from timeline.cli._common import (
    DEFAULT_FILE,
    FileArg,
    app,
    fail_usage,
    read_bytes,
    refuse_folder,
)

if TYPE_CHECKING:
    from timeline.dates import Date
    from timeline.diff import Version
    from timeline.model import Timeline
    from timeline.render import RenderOptions

FORMATS = ("text", "md", "json")


@dataclass(frozen=True, slots=True)
class _Side:
    """A version, and how to read other revisions of the same file: the folder to run
    git in and the path that names the file from there."""

    version: Version
    cwd: Path
    path: str
    working: Path


@app.command("diff")
def diff_command(
    old: Annotated[
        str | None,
        typer.Argument(
            help="The earlier version: a file, or a git revision of it as REV:PATH or REV: "
            "(default: HEAD:timeline.yaml).",
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(
            help="The later version (default: the working copy of the earlier one's file).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Compare with the file as of the last commit before this date (e.g. "
            "2024-11-01); the one argument, if any, is then the later version.",
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text (a review), md (an updates note) or json.")
    ] = "text",
    updated: Annotated[
        str | None,
        typer.Option(
            help="The date the md note says the chronology was updated (default: the later "
            "version's as_of)."
        ),
    ] = None,
    locale: Annotated[
        str | None,
        typer.Option(
            help="Language of the md note (default: the later version's language); the "
            "review and json are in English."
        ),
    ] = None,
) -> None:
    """Show what changed between two versions of a chronology, classified: events added,
    removed, redated, retitled, confirmed ...; exit 1 when something changed."""
    from timeline.diff import GitError, diff, render_json, render_markdown, render_text

    if output_format not in FORMATS:
        fail_usage(f"--format must be text, md or json, not '{output_format}'")
    updated_date = _cli_date("--updated", updated) if updated is not None else None
    if locale is not None:
        from timeline.spec import LOCALES

        if locale not in LOCALES:
            fail_usage(f"unknown locale '{locale}'", f"supported locales: {', '.join(LOCALES)}")
    try:
        if since is not None:
            if new is not None:
                fail_usage("--since takes at most one version: the later one")
            after = _side(old)
            before = _since(_cli_date("--since", since), after)
        else:
            before = _side(old or "HEAD:")
            after = _side(new) if new is not None else _working(before)
    except GitError as exc:
        fail_usage(exc.message, exc.hint)
    old_t = _valid(before.version)
    new_t = _valid(after.version)
    changes = diff(old_t, new_t)
    if output_format == "json":
        text = render_json(
            changes, old_commit=before.version.commit, new_commit=after.version.commit
        )
    elif output_format == "md":
        text = render_markdown(
            changes, updated=updated_date or new_t.as_of, locale=locale or new_t.locale
        )
    else:
        text = render_text(changes, color=_color())
    sys.stdout.write(text)
    raise typer.Exit(1 if changes else 0)


@app.command("log")
def log_command(
    file: FileArg = DEFAULT_FILE,
    event: Annotated[
        str | None,
        typer.Option(help="Show the history of this event: when it was added, redated ..."),
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="Oldest first.")] = False,
) -> None:
    """Show the chronology's history from git: one line per commit with the changes it made
    to events, sources, groups, eras, views and settings."""
    from timeline.diff import GitError, event_history, log, render_event_history, render_log
    from timeline.diff._log import known_ids

    refuse_folder(file)
    try:
        entries = log(file)
    except GitError as exc:
        fail_usage(exc.message, exc.hint)
    if not entries and not file.exists():
        read_bytes(file)  # says the file does not exist
    color = _color()
    if event is None:
        sys.stdout.write(render_log(entries[::-1] if reverse else entries, color=color))
        return
    found = event_history(entries, event)
    if not found:
        close = difflib.get_close_matches(event, sorted(known_ids(entries)), n=1)
        hint = f"did you mean '{close[0]}'?" if close else None
        fail_usage(f"no event '{event}' in the history of {file}", hint)
    sys.stdout.write(render_event_history(found[::-1] if reverse else found, color=color))


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _cli_date(option: str, text: str) -> Date:
    from timeline.dates import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        if "/" in text:
            fail_usage(f"{option} {text!r} is a period; give a single date")
        fail_usage(f"{option} {text!r}: {exc.message}", exc.hint)


def _side(spec: str | None) -> _Side:
    """The version ``spec`` names: a file, ``REV:PATH`` or ``REV:`` (the default file)."""
    from timeline.diff import Version, read_revision, revision_spec
    from timeline.diff._git import file_spec, working_path

    if spec is None:
        spec = str(DEFAULT_FILE)
    rev = revision_spec(spec) if not Path(spec).exists() else None
    if rev is None:
        path = Path(spec)
        cwd, name = file_spec(path)
        return _Side(Version(spec, read_bytes(path)), cwd, name, path)
    revision, path_text = rev
    cwd = Path(".")
    if not path_text:
        path_text = f"./{DEFAULT_FILE}"
        label = f"{revision}:{DEFAULT_FILE}"
    else:
        label = spec
    version = read_revision(revision, path_text, cwd, label)
    return _Side(version, cwd, path_text, working_path(path_text, cwd))


def _working(side: _Side) -> _Side:
    """The working copy of the file ``side`` is a version of."""
    from timeline.diff import Version

    if side.version.commit is None:  # a file compared with the default file
        return _side(None)
    path = side.working
    return _Side(Version(str(path), read_bytes(path)), side.cwd, side.path, path)


def _since(when: Date, after: _Side) -> _Side:
    """The version of ``after``'s file as of the last commit before ``when``."""
    from timeline.diff import commit_before, read_revision

    commit = commit_before(when, after.cwd, str(after.working))
    label = f"{commit.short}:{after.working}"
    version = read_revision(commit.sha, after.path, after.cwd, label)
    return _Side(version, after.cwd, after.path, after.working)


@dataclass(frozen=True, slots=True)
class Earlier:
    """The version ``--changes-since`` names: its chronology, the name the user gave it
    and, for a git revision, its commit's day (``YYYY-MM-DD``)."""

    timeline: Timeline
    name: str
    day: str | None = None

    def label(self, locale: str) -> str:
        """How the outputs name it: ``HEAD~3 (26 November 2024)``, or a file's path."""
        if self.day is None:
            return self.name
        from timeline.dates import parse_date
        from timeline.i18n.phrases import date_phrase

        return f"{self.name} ({date_phrase(parse_date(self.day), locale=locale)})"


def earlier_version(spec: str, file: Path) -> Earlier:
    """The earlier version ``--changes-since SPEC`` names, as ``timeline diff`` reads its
    sides: a file, ``REV:PATH``, a revision of ``file`` itself (``REV`` or ``REV:``), or a
    date (``2024-11-01``: ``file`` as of the last commit before it, as ``--since``).
    Exit 2 with one line when git cannot give it, or printing its errors when it has any."""
    from timeline.diff import GitError, read_revision, revision_spec
    from timeline.diff._git import file_spec

    if not spec.strip():
        fail_usage("--changes-since needs a version: a revision, REV:PATH, a file or a date")
    rev = None if Path(spec).exists() else revision_spec(spec)
    if rev is None and spec.endswith((".yaml", ".yml")):
        read_bytes(Path(spec))  # says the file does not exist
    when = _date_or_none(spec) if rev is None and not Path(spec).exists() else None
    try:
        if (rev is None and Path(spec).exists()) or (rev is not None and rev[1]):
            version, name = _side(spec).version, spec
        elif when is not None:
            version = _since(when, _side(str(file))).version
            assert version.commit is not None
            name = version.commit.short
        else:
            name = rev[0] if rev is not None else spec
            cwd, path = file_spec(file)
            version = read_revision(name, path, cwd, f"{name}:{file}")
    except GitError as exc:
        hint = exc.hint
        if exc.outside:
            hint = "to show changes since another file, name it: --changes-since OLD.yaml"
        fail_usage(exc.message, hint)
    day = version.commit.day if version.commit is not None else None
    return Earlier(_valid(version), name, day)


def _date_or_none(text: str) -> Date | None:
    """The date ``text`` writes (``2024-11-01``, ``2024-11``), or None."""
    from timeline.dates import DateError, parse_date

    if not text[:1].isdigit():
        return None
    try:
        return parse_date(text)
    except DateError:
        return None


def with_changes(options: RenderOptions, timeline: Timeline, earlier: Earlier) -> RenderOptions:
    """``options`` showing what changed in ``timeline`` since ``earlier``, both in the
    render's language (so the section names events as the outputs do)."""
    from dataclasses import replace

    from timeline.diff import diff, render_notes
    from timeline.i18n.content import translate

    locale = options.locale or timeline.locale
    old = translate(earlier.timeline, locale).timeline
    new = translate(timeline, locale).timeline
    return replace(options, changes=render_notes(diff(old, new), earlier.label(locale)))


def _valid(version: Version) -> Timeline:
    """The chronology of ``version``; exit 2 printing its errors when it has any."""
    from timeline.loader.validate import check_bytes

    report = check_bytes(version.data, version.label)
    if report.ok and report.timeline is not None:
        return report.timeline
    errors = report.errors
    for d in errors:
        typer.echo(str(d), err=True)
    _fail_cannot_compare(version.label, len(errors))


def _fail_cannot_compare(label: str, errors: int) -> NoReturn:
    noun = "error" if errors == 1 else "errors"
    fail_usage(
        f"cannot compare {label}: it has {errors} {noun}", "fix it, or compare another version"
    )
