"""What every command shares: the typer app, the file argument, reading and reporting.

Exit codes: 0 ok, 1 the data is wrong, 2 the command line is wrong (or the file is missing).
Everything beyond typer is imported inside the functions that need it, so ``--help`` starts
fast, and ``validate`` and ``show`` load the reader and nothing heavier (no matplotlib,
Babel, watchfiles or ``importlib.metadata``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from timeline._version import __version__

if TYPE_CHECKING:
    from timeline.dates import When
    from timeline.errors import Diagnostic
    from timeline.loader.validate import Report
    from timeline.model import Timeline
    from timeline.query import Filter

app = typer.Typer(
    name="timeline",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Keep a chronology in one YAML file; validate it and render charts and text.",
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Keep a chronology in one YAML file; validate it and render charts and text."""


FileArg = Annotated[
    Path,
    typer.Argument(help="The chronology file.", show_default=True, resolve_path=False),
]
DEFAULT_FILE = Path("timeline.yaml")


def fail_usage(message: str, hint: str | None = None) -> NoReturn:
    text = f"timeline: error: {message}"
    typer.echo(f"{text} (hint: {hint})" if hint else text, err=True)
    raise typer.Exit(2)


def refuse_folder(file: Path) -> None:
    """Exit 2 when ``file`` is a folder: for commands that do not read it at once."""
    if file.is_dir():
        fail_usage(f"{file}: is a folder, not a chronology file")


def read_bytes(file: Path) -> bytes:
    """The file's bytes; a missing or unreadable file is a command-line error (exit 2), one
    over the size limit a data error (exit 1), found before it is read."""
    from timeline._read import FileTooLarge, read_bounded
    from timeline.spec import MAX_BYTES

    try:
        return read_bounded(file, MAX_BYTES)
    except FileTooLarge as exc:
        from timeline.errors import summary
        from timeline.loader._nodes import too_large

        problem = too_large(str(file), exc.size, exc.limit)
        print_diagnostics([problem])
        typer.echo(summary([problem], str(file)), err=True)
        raise typer.Exit(1) from None
    except FileNotFoundError:
        hint = "run it in the folder that holds timeline.yaml, or name the file"
        fail_usage(f"{file}: no such file", hint if file == DEFAULT_FILE else None)
    except IsADirectoryError:
        fail_usage(f"{file}: is a folder, not a chronology file")
    except OSError as exc:
        fail_usage(f"{file}: cannot read it ({exc.strerror})")


def read_report(file: Path, data: bytes | None = None) -> Report:
    """Read and check ``file`` (or its already-read ``data``); a file over the size limit
    is reported as such, without being read."""
    from timeline._read import FileTooLarge, read_bounded
    from timeline.loader._nodes import too_large
    from timeline.loader.validate import Report, check_bytes
    from timeline.spec import MAX_BYTES

    if data is None:
        try:
            data = read_bounded(file, MAX_BYTES)
        except FileTooLarge as exc:
            return Report(str(file), None, (too_large(str(file), exc.size, exc.limit),))
        except OSError:
            data = read_bytes(file)  # says why it cannot be read, and exits
    return check_bytes(data, str(file))


def print_diagnostics(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for d in diagnostics:
        typer.echo(str(d), err=True)


def require_valid(file: Path, *, strict: bool = False, data: bytes | None = None) -> Report:
    """Read ``file``; print its diagnostics; exit 1 unless it is valid."""
    from timeline.errors import summary

    report = read_report(file, data)
    print_diagnostics(report.diagnostics)
    if not report.passes(strict=strict):
        typer.echo(summary(report.diagnostics, str(file)), err=True)
        raise typer.Exit(1)
    return report


def check_view_names(t: Timeline, names: list[str]) -> None:
    """Exit 2 naming the views that the file does not define."""
    for name in names:
        if name not in t.view_names():
            fail_usage(f"no view named '{name}'", f"views in {t.path}: {', '.join(t.view_names())}")


def parse_cli_date(option: str, text: str | None) -> When | None:
    """A date or period from the command line, or a usage error saying what is wrong."""
    if text is None:
        return None
    from timeline.dates import DateError, parse_when
    from timeline.loader._people import reading

    try:
        return parse_when(text)
    except DateError as exc:
        people = reading(text)
        if people is not None:
            fail_usage(f"{option}: {people.message}", people.hint(option))
        fail_usage(f"{option} {text!r}: {exc.message}", exc.hint)


def make_filter(
    date_from: str | None,
    date_to: str | None,
    group: list[str] | None,
    tag: list[str] | None,
    min_importance: int | None,
) -> Filter:
    """The narrowing given by the common --from/--to/--group/--tag/--min-importance options."""
    from timeline.query import Filter

    start = parse_cli_date("--from", date_from)
    stop = parse_cli_date("--to", date_to)
    if start is not None and stop is not None:
        from datetime import UTC

        # In any one zone: the earliest --from may mean, against the latest --to may mean.
        if start.bounds(UTC, 0)[0] >= stop.bounds(UTC, 0)[1]:
            fail_usage(
                f"--from {date_from} is after --to {date_to}: nothing could be shown",
                "swap them",
            )
    return Filter(start, stop, tuple(group or ()), tuple(tag or ()), min_importance)
