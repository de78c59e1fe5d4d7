"""``timeline validate`` and ``timeline show``: read a chronology and report on it."""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from timeline.cli._common import (
    DEFAULT_FILE,
    FileArg,
    app,
    check_view_names,
    fail_usage,
    make_filter,
    print_diagnostics,
    read_report,
    require_valid,
)

if TYPE_CHECKING:
    from timeline.errors import Diagnostic
    from timeline.model import Timeline, View


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
        fail_usage(f"--format must be text or json, not '{output_format}'")
    from timeline.errors import summary

    failed = False
    found: list[Diagnostic] = []
    for file in files or [DEFAULT_FILE]:
        report = read_report(file)
        found += report.diagnostics
        failed = failed or not report.passes(strict=strict)
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
    from timeline.cli._show import show_lines

    report = require_valid(file)
    assert report.timeline is not None
    t = report.timeline
    chosen = _view(t, view)
    extra = make_filter(date_from, date_to, group, tag, min_importance)
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


def _view(t: "Timeline", name: str | None) -> "View":
    from timeline.model import View

    if name is None:
        return View("all")
    check_view_names(t, [name])
    return t.view(name)
