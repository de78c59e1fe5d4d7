"""The editing commands: ``timeline fmt``, ``schema``, ``init`` and ``watch``.

Exit codes of ``fmt``: 0 formatted (or already formatted), 1 the file is invalid, would
change (``--check``) or changed on disk meanwhile, 2 the command line is wrong or a file is
missing, 3 a safety check failed (a bug in the formatter; nothing was written).
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from timeline.cli._common import DEFAULT_FILE, FileArg, app

if TYPE_CHECKING:
    from timeline.fmt import FormatMode

#: Exit code of ``fmt`` when a safety check fails.
EXIT_UNSAFE = 3
_STDIN = Path("-")


# -- fmt -------------------------------------------------------------------------------------


@app.command()
def fmt(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Chronology files (default: timeline.yaml); '-' reads standard input and "
            "writes standard output.",
            show_default=False,
            metavar="[FILE]...",
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if a file would change.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print a unified diff instead of writing.")
    ] = False,
    keep_order: Annotated[
        bool, typer.Option("--keep-order", help="Keep the events in the order written.")
    ] = False,
) -> None:
    """Rewrite the chronology in its canonical layout, keeping every comment with its entry.

    Events are sorted by date, keys put in a fixed order, indentation and quoting made
    consistent. Before writing, fmt proves the result loads to the same chronology, keeps
    every comment with its entry and is stable; if not, it writes nothing and exits 3.
    """
    from timeline import _process
    from timeline.fmt import FormatMode

    mode = FormatMode(sort_events=not keep_order)
    code = 0
    paths = files or [DEFAULT_FILE]
    for i, path in enumerate(paths):
        if i == len(paths) - 1:  # the process ends after it: what it reads is not freed
            _process.start_keeping()
        if path == _STDIN:
            result = _fmt_stdin(mode, check=check, diff=diff)
        else:
            result = _fmt_file(path, mode, check=check, diff=diff)
        code = max(code, result)
    raise typer.Exit(code)


def _fmt_file(path: Path, mode: "FormatMode", *, check: bool, diff: bool) -> int:
    from timeline._read import FileTooLarge
    from timeline.fmt import FileChanged, FormatError, InvalidInput, UnsafeFormat, format_file

    try:
        result = format_file(path, check=check, diff=diff, mode=mode)
    except FileNotFoundError:
        return _error(f"{path}: no such file", 2)
    except FileTooLarge as exc:
        return _error(f"{path}: {exc}", 1)
    except IsADirectoryError:
        return _error(f"{path}: is a folder, not a chronology file", 2)
    except InvalidInput as exc:
        return _invalid(exc.diagnostics, str(path))
    except UnsafeFormat as exc:
        return _unsafe(str(path), exc)
    except FileChanged as exc:
        return _error(str(exc), 1)
    except FormatError as exc:
        return _error(str(exc), 1, prefix="")
    except OSError as exc:
        return _error(f"{path}: cannot format it ({exc.strerror or exc})", 1)
    if result.diff:
        typer.echo(result.diff, nl=False)
    if result.changed and check:
        typer.echo(f"would reformat {path}", err=True)
        return 1
    if result.written:
        typer.echo(f"reformatted {path}", err=True)
    elif not result.changed:
        typer.echo(f"{path}: already formatted", err=True)
    return 0


def _fmt_stdin(mode: "FormatMode", *, check: bool, diff: bool) -> int:
    import difflib

    from timeline._read import FileTooLarge, read_stream_bounded
    from timeline.fmt import FormatError, InvalidInput, UnsafeFormat, format_text
    from timeline.spec import MAX_BYTES

    try:
        data = read_stream_bounded(sys.stdin.buffer, MAX_BYTES)
    except FileTooLarge as exc:
        return _error(f"<stdin>: {exc}", 1)
    try:
        text = data.decode("utf-8")
        new_text = format_text(text, mode=mode, file="<stdin>")
    except UnicodeDecodeError:
        return _error("<stdin>: not UTF-8 text", 1)
    except InvalidInput as exc:
        return _invalid(exc.diagnostics, "<stdin>")
    except UnsafeFormat as exc:
        return _unsafe("<stdin>", exc)
    except FormatError as exc:
        return _error(str(exc), 1, prefix="")
    changed = new_text != text
    if diff:
        lines = difflib.unified_diff(
            text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            "<stdin> (original)",
            "<stdin> (formatted)",
        )
        typer.echo("".join(lines), nl=False)
    elif not check:
        sys.stdout.buffer.write(new_text.encode("utf-8"))
        sys.stdout.buffer.flush()
    return 1 if check and changed else 0


def _error(message: str, code: int, *, prefix: str = "timeline: error: ") -> int:
    typer.echo(prefix + message, err=True)
    return code


def _invalid(diagnostics: tuple[object, ...], name: str) -> int:
    from timeline.errors import Diagnostic, summary

    found = [d for d in diagnostics if isinstance(d, Diagnostic)]
    for d in found:
        typer.echo(str(d), err=True)
    typer.echo(summary(found, name), err=True)
    return 1


def _unsafe(name: str, exc: Exception) -> int:
    typer.echo(
        f"timeline: internal error: {name}: {exc}. Nothing was written. "
        "This is a bug in timeline fmt: please report it with the file.",
        err=True,
    )
    return EXIT_UNSAFE


# -- schema and init -------------------------------------------------------------------------


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the schema to this file instead of printing."),
    ] = None,
) -> None:
    """Print the JSON Schema of the chronology format, for editors' completion and checks."""
    from timeline._atomic import write_atomic
    from timeline.schema import schema_json

    text = schema_json()
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        write_atomic(output, text.encode("utf-8"), special=True)
    except OSError as exc:
        raise typer.Exit(_error(f"{output}: cannot write it ({exc.strerror or exc})", 1)) from None
    typer.echo(f"wrote {output}", err=True)


def starter_text() -> str:
    """The commented starter chronology ``timeline init`` writes."""
    from importlib.resources import files

    return (files("timeline") / "data" / "starter.yaml").read_text(encoding="utf-8")


@app.command()
def init(file: FileArg = DEFAULT_FILE) -> None:
    """Write a small, commented starter chronology to FILE; never overwrites a file."""
    from timeline._atomic import write_new

    data = starter_text().encode("utf-8")
    try:
        write_new(file, data)
    except FileExistsError:
        typer.echo(
            f"timeline: error: {file} already exists; not overwriting it "
            "(hint: give another name, e.g. timeline init other.yaml)",
            err=True,
        )
        raise typer.Exit(1) from None
    except OSError as exc:
        raise typer.Exit(_error(f"{file}: cannot write it ({exc.strerror or exc})", 1)) from None
    typer.echo(f"wrote {file}", err=True)
    typer.echo(
        "next: edit it, then run 'timeline render'; for editor help run "
        "'timeline schema > timeline.schema.json' in the same folder",
        err=True,
    )
