"""The ``timeline`` command: a thin typer layer over the library.

Exit codes: 0 ok, 1 the data is wrong, 2 the command line is wrong (or the file is missing).
Heavy modules (matplotlib, Babel) are imported inside the commands that need them, so
``--help``, ``validate`` and ``show`` start fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .dates import DateError, When, parse_when
from .errors import Diagnostic, summary
from .model import Timeline, View
from .query import Filter
from .validate import Report, check_bytes

app = typer.Typer(
    name="timeline",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Keep a chronology in one YAML file; validate it and render charts and text.",
)

FileArg = Annotated[
    Path,
    typer.Argument(
        help="The chronology file.", show_default=True, dir_okay=False, resolve_path=False
    ),
]
DEFAULT_FILE = Path("timeline.yaml")


def _fail_usage(message: str, hint: str | None = None) -> NoReturn:
    text = f"timeline: error: {message}"
    typer.echo(f"{text} (hint: {hint})" if hint else text, err=True)
    raise typer.Exit(2)


def read_bytes(file: Path) -> bytes:
    """The file's bytes; a missing or unreadable file is a command-line error (exit 2)."""
    try:
        return file.read_bytes()
    except FileNotFoundError:
        hint = "run it in the folder that holds timeline.yaml, or name the file"
        _fail_usage(f"{file}: no such file", hint if file == DEFAULT_FILE else None)
    except IsADirectoryError:
        _fail_usage(f"{file}: is a folder, not a chronology file")
    except OSError as exc:
        _fail_usage(f"{file}: cannot read it ({exc.strerror})")


def read_report(file: Path, data: bytes | None = None) -> Report:
    """Read and check ``file`` (or its already-read ``data``)."""
    return check_bytes(read_bytes(file) if data is None else data, str(file))


def print_diagnostics(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for d in diagnostics:
        typer.echo(str(d), err=True)


def require_valid(file: Path, *, strict: bool = False, data: bytes | None = None) -> Report:
    """Read ``file``; print its diagnostics; exit 1 unless it is valid."""
    report = read_report(file, data)
    print_diagnostics(report.diagnostics)
    if not report.ok(strict=strict):
        typer.echo(summary(report.diagnostics, str(file)), err=True)
        raise typer.Exit(1)
    return report


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Chronology files (default: timeline.yaml).", show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
    output_format: Annotated[
        str, typer.Option("--format", help="How to print diagnostics: text or json.")
    ] = "text",
) -> None:
    """Check chronologies and print every problem as FILE:LINE:COL: severity: message."""
    if output_format not in ("text", "json"):
        _fail_usage(f"--format must be text or json, not '{output_format}'")
    failed = False
    found: list[Diagnostic] = []
    for file in files or [DEFAULT_FILE]:
        report = read_report(file)
        found += report.diagnostics
        failed = failed or not report.ok(strict=strict)
        if output_format == "text":
            print_diagnostics(report.diagnostics)
            typer.echo(summary(report.diagnostics, str(file)), err=True)
    if output_format == "json":
        import json

        typer.echo(json.dumps([d.as_dict() for d in found], indent=2))
    if failed:
        raise typer.Exit(1)


@app.command()
def show(
    file: FileArg = DEFAULT_FILE,
    view: Annotated[str | None, typer.Option(help="Show only this view's events.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Earliest date to show, e.g. 2016-07.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Latest date to show, e.g. 2020.")
    ] = None,
    group: Annotated[
        list[str] | None, typer.Option(help="Only events of this group (repeatable).")
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option(help="Only events with this tag (repeatable).")
    ] = None,
    min_importance: Annotated[
        int | None, typer.Option(min=1, max=3, help="Only events at least this important (1-3).")
    ] = None,
) -> None:
    """Print the chronology in order, one event per line."""
    from .show import show_lines

    report = require_valid(file)
    assert report.timeline is not None
    t = report.timeline
    chosen = _view(t, view)
    extra = _filter(date_from, date_to, group, tag, min_importance)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    width = _terminal_width()
    for line in show_lines(t, chosen, extra, color=color, width=width):
        typer.echo(line)


def _terminal_width() -> int | None:
    if not sys.stdout.isatty():
        return None
    try:
        return os.get_terminal_size().columns
    except OSError:
        return None


def _view(t: Timeline, name: str | None) -> View:
    if name is None:
        return View("all")
    check_view_names(t, [name])
    return t.view(name)


def check_view_names(t: Timeline, names: list[str]) -> None:
    """Exit 2 naming the views that the file does not define."""
    for name in names:
        if name not in t.view_names():
            _fail_usage(
                f"no view named '{name}'", f"views in {t.path}: {', '.join(t.view_names())}"
            )


def parse_cli_date(option: str, text: str | None) -> When | None:
    """A date or period from the command line, or a usage error saying what is wrong."""
    if text is None:
        return None
    try:
        return parse_when(text)
    except DateError as exc:
        _fail_usage(f"{option} {text!r}: {exc.message}", exc.hint)


def _filter(
    date_from: str | None,
    date_to: str | None,
    group: list[str] | None,
    tag: list[str] | None,
    min_importance: int | None,
) -> Filter:
    start = parse_cli_date("--from", date_from)
    stop = parse_cli_date("--to", date_to)
    return Filter(start, stop, tuple(group or ()), tuple(tag or ()), min_importance)


def main() -> None:
    """Entry point of the ``timeline`` command."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("timeline: interrupted", err=True)
        sys.exit(130)
    except SystemExit as exc:
        if exc.code == 130:  # typer turns Ctrl-C into a silent exit 130
            typer.echo("timeline: interrupted", err=True)
        raise
    except BrokenPipeError:
        # The reader went away (``timeline show | head``): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


# Commands kept in their own modules register themselves on ``app`` when imported, in the
# order ``--help`` lists them.
from . import _cli_render  # noqa: E402, F401  # isort: skip
from . import _cli_edit  # noqa: E402, F401  # isort: skip
from . import _cli_interop  # noqa: E402, F401  # isort: skip
