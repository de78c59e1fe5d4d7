"""``timeline export`` and ``timeline import``: meet other tools' formats."""

import stat
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from timeline.cli._common import (
    DEFAULT_FILE,
    FileArg,
    app,
    check_view_names,
    fail_usage,
    print_diagnostics,
    require_valid,
)
from timeline.formats import EXPORTERS, IMPORTERS, SHEETS


@app.command("export")
def export_command(
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="Format to write: "
            + "; ".join(f"{f.name} ({f.description})" for f in EXPORTERS.values())
            + ".",
            show_default=False,
        ),
    ],
    file: FileArg = DEFAULT_FILE,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file ('-' or none: standard output)."),
    ] = None,
    view: Annotated[str | None, typer.Option(help="Export only this view's events.")] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start a csv file with a byte-order mark (for Excel).")
    ] = False,
    locale: Annotated[
        str | None,
        typer.Option(
            help="Write the texts in this language, from the file's translations "
            "(json keeps every language)."
        ),
    ] = None,
) -> None:
    """Write the chronology as json, csv, xlsx, ics, timelinejs, mermaid or markwhen."""
    from timeline.formats import export_bytes
    from timeline.i18n.content import translate
    from timeline.spec import LOCALES

    fmt = to.strip().lower()
    if fmt not in EXPORTERS:
        fail_usage(f"unknown format '{to}'", f"choose from {', '.join(EXPORTERS)}")
    if bom and fmt != "csv":
        fail_usage("--bom only applies to --to csv")
    if locale is not None and locale not in LOCALES:
        fail_usage(f"unknown locale '{locale}'", f"supported locales: {', '.join(LOCALES)}")
    if locale is not None and fmt == "json":
        fail_usage("--locale does not apply to --to json, which keeps every language")
    report = require_valid(file)
    assert report.timeline is not None
    t = report.timeline
    if view is not None:
        check_view_names(t, [view])
    if locale is not None:
        print_diagnostics(translate(t, locale).warnings())
    try:
        data = export_bytes(t, fmt, view=view, bom=bom, locale=locale)
    except ModuleNotFoundError as exc:
        _fail(f"the {fmt} export needs the '{exc.name}' package (pip install {exc.name})")
    if output is None or str(output) == "-":
        if EXPORTERS[fmt].binary and sys.stdout.isatty():
            fail_usage(f"{fmt} is a binary file, not for a terminal", f"add -o FILE.{fmt}")
        typer.echo(data, nl=False)
        return
    from timeline._atomic import check_target

    try:
        check_target(output, special=True)
    except OSError as exc:
        _fail(f"cannot write {exc.filename or output}: {_reason(exc)}")
    _write(output, data)
    typer.echo(f"wrote {output}", err=True)


@app.command("import")
def import_command(
    src: Annotated[
        Path,
        typer.Argument(
            help="The file to import (.xlsx, .xls, .ods, .csv, .tsv or .json).",
            show_default=False,
        ),
    ],
    from_format: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Format of SRC: "
            + "; ".join(f"{f.name} ({f.description})" for f in IMPORTERS.values())
            + ". Default: guessed from SRC.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The chronology to write; '-' for standard output."),
    ] = DEFAULT_FILE,
    column_map: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Spreadsheet columns: 'Their name=key', comma-separated or repeated; "
            "'Name=' leaves a column out.",
            show_default=False,
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="The sheet of events in a workbook (default: the first with a date column).",
            show_default=False,
        ),
    ] = None,
    day_first: Annotated[
        bool, typer.Option("--day-first", help="Read dates such as 03/04/2023 as 3 April.")
    ] = False,
    month_first: Annotated[
        bool, typer.Option("--month-first", help="Read dates such as 03/04/2023 as 4 March.")
    ] = False,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="List how each date that needed reading was read."),
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help="The encoding of a CSV file that is not UTF-8 (e.g. cp1252, cp1254).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")] = False,
) -> None:
    """Make a timeline.yaml from a spreadsheet (xlsx, xls, ods, csv), TimelineJS or json."""
    from timeline.formats import ImportFailed, guess_format, import_bytes

    fmt = from_format.strip().lower() if from_format is not None else None
    if fmt is not None and fmt not in IMPORTERS:
        fail_usage(f"unknown format '{from_format}'", f"choose from {', '.join(IMPORTERS)}")
    if day_first and month_first:
        fail_usage("--day-first and --month-first cannot both be given")
    order = "day first" if day_first else "month first" if month_first else None
    columns = _columns(column_map or [])
    data = _read(src)
    to_stdout = str(output) == "-"
    if not to_stdout:
        _check_output(output, force)
    fmt = fmt or guess_format(src, data)
    if fmt is None:
        fail_usage(
            f"cannot tell the format of {src} from its name", f"add --from {'|'.join(IMPORTERS)}"
        )
    for given, name, applies in (
        (columns, "--map", SHEETS),
        (order, "--day-first and --month-first", SHEETS),
        (sheet, "--sheet", {"xlsx", "xls", "ods"}),
        (encoding, "--encoding", {"csv", "timelinejs", "json"}),
    ):
        if given and fmt not in applies:
            fail_usage(f"{name} only applies to {', '.join(sorted(applies))} files")
    try:
        result = import_bytes(
            data,
            str(src),
            fmt,
            columns=columns or None,
            sheet=sheet,
            order=order,
            encoding=encoding,
        )
    except ValueError as exc:
        fail_usage(str(exc))
    except ImportFailed as exc:
        for d in exc.diagnostics:
            typer.echo(str(d), err=True)
        n = len(exc.diagnostics)
        typer.echo(f"{src}: {n} error{'s' if n != 1 else ''}; nothing written", err=True)
        raise typer.Exit(1) from None
    if explain:
        for note in result.conversions:
            typer.echo(str(note), err=True)
    for warning in result.warnings:
        typer.echo(str(warning), err=True)
    text = result.text.encode("utf-8")
    if to_stdout:
        typer.echo(text, nl=False)
    else:
        _write(output, text)
    n, w = len(result.timeline.events), len(result.warnings)
    where = "standard output" if to_stdout else str(output)
    typer.echo(
        f"wrote {where}: {n} event{'s' if n != 1 else ''}, "
        f"{w} warning{'s' if w != 1 else ''} about what could not be carried over",
        err=True,
    )


def _columns(options: list[str]) -> dict[str, str]:
    """``--map`` options as {their column: key or ''}, or a usage error."""
    from timeline.formats._columns import KEYS

    out: dict[str, str] = {}
    for option in options:
        for pair in option.split(","):
            if not pair.strip():
                continue
            theirs, sep, ours = pair.partition("=")
            theirs, ours = theirs.strip(), ours.strip().lower()
            if not sep or not theirs:
                fail_usage(f"--map '{pair}' is not NAME=COLUMN", "e.g. --map 'Headline=title'")
            if ours and ours not in KEYS and not ours.startswith("x-"):
                fail_usage(
                    f"--map '{pair}': unknown key '{ours}'",
                    f"keys: {', '.join(KEYS)}, or x-NAME to keep it as your own",
                )
            out[theirs] = ours
    return out


def _read(src: Path) -> bytes:
    from timeline._read import FileTooLarge, read_bounded
    from timeline.loader._nodes import too_large
    from timeline.spec import MAX_BYTES

    try:
        return read_bounded(src, MAX_BYTES)
    except FileTooLarge as exc:
        typer.echo(str(too_large(str(src), exc.size, exc.limit)), err=True)
        typer.echo(f"{src}: 1 error; nothing written", err=True)
        raise typer.Exit(1) from None
    except FileNotFoundError:
        fail_usage(f"{src}: no such file")
    except IsADirectoryError:
        fail_usage(f"{src}: is a folder, not a file")
    except OSError as exc:
        fail_usage(f"{src}: cannot read it ({exc.strerror})")


def _write(path: Path, data: bytes) -> None:
    """Write the one output the user named; a device or FIFO there (``/dev/stdout``, a
    pipe) is written into, never replaced."""
    from timeline._atomic import write_atomic

    try:
        write_atomic(path, data, special=True)
    except OSError as exc:
        _fail(f"cannot write {path}: {exc.strerror or exc}")


def _check_output(output: Path, force: bool) -> None:
    """Exit 2 unless ``output`` can take the import: not a folder, and not an existing
    file unless ``force`` (a device or FIFO is written into, so it needs no ``--force``)."""
    from timeline._atomic import check_target

    try:
        check_target(output, special=True)
    except OSError as exc:
        fail_usage(f"{exc.filename or output}: {_reason(exc)}", "choose another -o PATH")
    try:
        mode = output.stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and not force:
        fail_usage(f"{output} already exists", "add --force to replace it, or choose -o PATH")


def _reason(exc: OSError) -> str:
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(exc, NotADirectoryError):
        return "is not a folder"
    return str(exc.strerror or exc).lower()


def _fail(message: str) -> NoReturn:
    typer.echo(f"timeline: error: {message}", err=True)
    raise typer.Exit(1)
