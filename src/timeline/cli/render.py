"""``timeline render``: charts and text chronologies for every view."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from timeline.cli._common import (
    DEFAULT_FILE,
    FileArg,
    app,
    check_view_names,
    fail_usage,
    make_filter,
    print_diagnostics,
    read_bytes,
    require_valid,
)
from timeline.errors import InvalidTimeline, TimelineError
from timeline.render import _cache

# Options shared by ``render`` and ``watch``.
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")]
FormatOption = Annotated[
    str,
    typer.Option(
        "--format", help="Comma-separated outputs: png,svg,pdf,md,txt,html (all but pdf)."
    ),
]
DEFAULT_FORMAT_OPTION = "png,svg,md,txt,html"
ViewOption = Annotated[list[str] | None, typer.Option(help="Render only this view (repeatable).")]
ThemeOption = Annotated[str, typer.Option(help="Chart theme: light, dark or print.")]


@app.command()
def render(
    file: FileArg = DEFAULT_FILE,
    out: OutOption = Path("out"),
    formats: FormatOption = DEFAULT_FORMAT_OPTION,
    view: ViewOption = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Earliest date shown in every view.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Latest date shown in every view.")
    ] = None,
    theme: ThemeOption = "light",
    width: Annotated[float, typer.Option(min=4.0, max=40.0, help="Chart width in inches.")] = 12.0,
    dpi: Annotated[int, typer.Option(min=50, max=600, help="PNG resolution.")] = 200,
    locale: Annotated[
        str | None, typer.Option(help="Language of dates and fixed words (default: the file's).")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if any output would change.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Render even if nothing changed since the last run.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> None:
    """Render every view as charts (PNG, SVG, PDF) and chronologies (Markdown, text, HTML)."""
    from timeline.render import RenderOptions, changed_files, write_outputs
    from timeline.render import render as render_outputs
    from timeline.spec import LOCALES

    chosen = parse_formats(formats)
    check_theme(theme)
    if locale is not None and locale not in LOCALES:
        fail_usage(f"unknown locale '{locale}'", f"supported locales: {', '.join(LOCALES)}")
    extra = make_filter(date_from, date_to, None, None, None)
    options = RenderOptions(
        formats=chosen, theme=theme, width=width, dpi=dpi, locale=locale, extra=extra
    )
    data = read_bytes(file)
    render_key = _cache.key(data, options, view)
    if not force and not check:
        fresh = _cache.is_fresh(out, render_key)
        if fresh is not None:
            if not quiet:
                typer.echo(f"{len(fresh)} files in {out} are up to date (--force renders again)")
            return
    report = require_valid(file, data=data)
    assert report.timeline is not None
    t = report.timeline
    if view:
        check_view_names(t, view)
    progress = _progress_printer() if not quiet else None
    try:
        outputs = render_outputs(t, view or None, options, progress=progress)
    except InvalidTimeline as exc:  # e.g. a character no installed font can draw
        if progress is not None:
            progress("")
        print_diagnostics(exc.diagnostics)
        raise typer.Exit(1) from None
    except TimelineError as exc:
        if progress is not None:
            progress("")
        typer.echo(f"timeline: error: {exc}", err=True)
        raise typer.Exit(1) from None
    if progress is not None:
        progress("")
    if check:
        stale = changed_files(outputs, out)
        for name in stale:
            typer.echo(f"would change: {out / name}")
        raise typer.Exit(1 if stale else 0)
    try:
        written = write_outputs(outputs, out)
        _cache.record(out, render_key, outputs)
    except OSError as exc:
        _fail_write(out, exc)
    if not quiet:
        for path in written:
            typer.echo(f"wrote {path}")


def _progress_printer() -> Callable[[str], None] | None:
    """A one-line progress display on a terminal's stderr; None when stderr is not one."""
    if not sys.stderr.isatty():
        return None

    def show(message: str) -> None:
        sys.stderr.write("\r\033[K" + message)
        sys.stderr.flush()

    return show


def parse_formats(formats: str) -> tuple[str, ...]:
    """The ``--format`` list, in order, without repeats; exit 2 naming unknown formats."""
    from timeline.render import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        fail_usage(f"unknown format '{','.join(unknown)}'", f"choose from {','.join(FORMATS)}")
    return chosen


def check_theme(theme: str) -> None:
    """Exit 2 unless ``theme`` is a chart theme."""
    from timeline.render import THEMES

    if theme not in THEMES:
        fail_usage(f"unknown theme '{theme}'", f"choose from {', '.join(THEMES)}")


def _fail_write(out: Path, exc: OSError) -> None:
    reason = exc.strerror or str(exc)
    typer.echo(f"timeline: error: cannot write to {out}: {reason}", err=True)
    raise typer.Exit(1)
