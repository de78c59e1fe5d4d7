"""Export to and import from the formats people already use.

Exports: ``json``, ``csv``, ``xlsx``, ``ics``, ``timelinejs``, ``mermaid``, ``markwhen``
(:data:`EXPORTERS`). Imports: spreadsheets (``xlsx``, ``xls``, ``ods``, ``csv``, with the
column names and dates people use), ``timelinejs`` (its JSON and its spreadsheet CSV), and
our own ``json`` (:data:`IMPORTERS`). Each format lives in its own module, imported only
when used (``ics`` needs the ``icalendar`` package, ``xlsx`` openpyxl to write and
python-calamine to read)::

    from timeline import load
    from timeline.formats import export, import_file

    text = export(load("timeline.yaml"), "ics", view="overview")
    result = import_file("women_in_computing.json")      # format guessed: timelinejs
    print(result.text)                                    # a valid timeline.yaml
    for warning in result.warnings:                       # what could not be carried over
        print(warning)

An import never writes anything itself; it raises :class:`ImportFailed` carrying every error
(``file:line:col``) or returns the ``timeline.yaml`` text, already checked to load without
errors and to mean exactly what was read.
"""

from __future__ import annotations

import codecs
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.errors import Diagnostic
    from timeline.formats._draft import ImportFailed, Notes
    from timeline.model import Event, Timeline, View

__all__ = [
    "EXPORTERS",
    "IMPORTERS",
    "SHEETS",
    "Format",
    "ImportFailed",
    "ImportResult",
    "export",
    "export_bytes",
    "guess_format",
    "import_bytes",
    "import_file",
]


@dataclass(frozen=True, slots=True)
class Format:
    """One format: its name, the module doing the work, and what it is for."""

    name: str
    module: str
    description: str
    #: Exports keep the file's order of events (data formats) instead of sorting them.
    file_order: bool = False
    #: The export is bytes (a workbook), not text.
    binary: bool = False


EXPORTERS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "json_format", "the whole chronology as documented JSON", True),
        Format("csv", "csv_format", "one row per event, for spreadsheets", True),
        Format("xlsx", "xlsx", "an Excel workbook: the events, then the rest", True, True),
        Format("ics", "ics", "iCalendar (RFC 5545) for calendar applications"),
        Format("timelinejs", "timelinejs", "TimelineJS3 JSON"),
        Format("mermaid", "mermaid", "a Mermaid timeline diagram"),
        Format("markwhen", "markwhen", "a Markwhen document"),
    )
}

IMPORTERS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "json_format", "our own JSON export"),
        Format("csv", "csv_format", "a spreadsheet saved as CSV or TSV"),
        Format("xlsx", "xlsx", "an Excel workbook (.xlsx, .xlsm)"),
        Format("xls", "xlsx", "an old Excel workbook (.xls)"),
        Format("ods", "ods", "an OpenDocument spreadsheet (LibreOffice)"),
        Format("timelinejs", "timelinejs", "TimelineJS3 JSON or its spreadsheet CSV"),
    )
}


def __getattr__(name: str) -> Any:
    # The registries above are all the command line needs to start; the rest comes when used.
    if name == "ImportFailed":
        from timeline.formats._draft import ImportFailed

        return ImportFailed
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _module(fmt: Format) -> Any:
    return importlib.import_module(f".{fmt.module}", __name__)


def export(
    timeline: Timeline, fmt: str, *, view: str | None = None, locale: str | None = None
) -> str:
    """The chronology (or the events of one view) in format ``fmt``, as text.

    ``locale`` writes the chronology's texts in that language where the file translates
    them; ``json`` always keeps every language, so it ignores ``locale``. Raises KeyError
    for an unknown format or view, ValueError for a binary format (use
    :func:`export_bytes`).
    """
    if EXPORTERS[fmt].binary:
        raise ValueError(f"{fmt} is not text: use export_bytes")
    return str(_export(timeline, fmt, view, locale))


def _export(
    timeline: Timeline, fmt: str, view: str | None, locale: str | None = None
) -> str | bytes:
    from timeline.i18n.content import translate
    from timeline.query import select, sort

    spec = EXPORTERS[fmt]
    if locale is not None and fmt != "json":
        timeline = translate(timeline, locale).timeline
    chosen: View | None = timeline.view(view) if view is not None else None
    events: list[Event]
    if chosen is None:
        events = list(timeline.events) if spec.file_order else sort(timeline)
    else:
        picked = select(timeline, chosen)
        if spec.file_order:
            ids = {e.id for e in picked}
            events = [e for e in timeline.events if e.id in ids]
        else:
            events = picked
    module = _module(spec)
    if spec.binary:
        data: bytes = module.export_bytes(timeline, events, chosen)
        return data
    text: str = module.export(timeline, events, chosen)
    return text


def export_bytes(
    timeline: Timeline,
    fmt: str,
    *,
    view: str | None = None,
    bom: bool = False,
    locale: str | None = None,
) -> bytes:
    """The export as bytes: a workbook as it is, text encoded as UTF-8 (``bom`` puts a
    byte-order mark first: Excel needs one to read a CSV file as UTF-8). ``locale`` as for
    :func:`export`."""
    out = _export(timeline, fmt, view, locale)
    if isinstance(out, bytes):
        return out
    data = out.encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


@dataclass(frozen=True, slots=True)
class ImportResult:
    """An imported chronology: ``text`` is the ``timeline.yaml`` to write, ``timeline`` what
    it loads as, ``warnings`` what could not be carried over (``file:line:col``), and
    ``conversions`` how each value that needed reading was read (dates people typed, date
    cells), once each, as notes."""

    text: str
    warnings: tuple[Diagnostic, ...]
    timeline: Timeline
    conversions: tuple[Diagnostic, ...] = ()


def guess_format(path: str | Path, data: bytes) -> str | None:
    """The import format of a file, from its suffix and, for ``.json`` and ``.csv`` (which
    two formats share), its first bytes. None when the suffix says nothing."""
    suffix = Path(path).suffix.lower()
    if suffix in _WORKBOOKS:
        return _WORKBOOKS[suffix]
    head = data[:4096].decode("utf-8", "replace").lower()
    if suffix == ".json":
        from timeline.formats.json_format import FORMAT_NAME

        return "json" if f'"{FORMAT_NAME}"' in head else "timelinejs"
    if suffix in (".csv", ".tsv", ".txt"):
        header = "".join(head.split("\n", 1)[0].split())
        return "timelinejs" if "headline" in header and "year" in header else "csv"
    return None


_WORKBOOKS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}
#: The formats read as spreadsheets: column names and dates as people write them.
SHEETS = frozenset({"csv", "xlsx", "xls", "ods"})


def import_file(
    path: str | Path,
    fmt: str | None = None,
    *,
    columns: dict[str, str] | None = None,
    sheet: str | None = None,
    order: str | None = None,
    encoding: str | None = None,
) -> ImportResult:
    """Import the file at ``path`` (format guessed from its name when ``fmt`` is None).

    For spreadsheets (``csv``, ``xlsx``, ``xls``, ``ods``): ``columns`` maps column names
    to keys (``"Notes": "summary"``; ``""`` leaves a column out); ``sheet`` names the sheet
    of events (default: the first with a column of dates); ``order`` is ``"day first"`` or
    ``"month first"`` for numeric dates such as 03/04/2023 (default: what the column's
    other dates settle); ``encoding`` is a CSV file's, when it is not UTF-8 or UTF-16.
    Raises OSError when the file cannot be read, ValueError when the format is unknown or
    cannot be guessed, an option does not apply or the sheet does not exist, and
    :class:`ImportFailed` when the file has errors.
    """
    from timeline._read import FileTooLarge, read_bounded
    from timeline.loader._nodes import too_large
    from timeline.spec import MAX_BYTES

    try:
        data = read_bounded(path, MAX_BYTES)
    except FileTooLarge as exc:
        raise ImportFailed([too_large(str(path), exc.size, exc.limit)]) from None
    return import_bytes(
        data, str(path), fmt, columns=columns, sheet=sheet, order=order, encoding=encoding
    )


def import_bytes(
    data: bytes,
    file: str,
    fmt: str | None = None,
    *,
    columns: dict[str, str] | None = None,
    sheet: str | None = None,
    order: str | None = None,
    encoding: str | None = None,
) -> ImportResult:
    """Like :func:`import_file`, for a file already in memory; ``file`` names it in
    messages."""
    from timeline.errors import Diagnostic
    from timeline.formats._draft import ImportFailed, Notes, tidy
    from timeline.formats._yaml import render

    name = fmt or guess_format(file, data)
    if name is None or name not in IMPORTERS:
        raise ValueError(f"cannot import format {name!r}")
    _check_options(name, columns, sheet, order, encoding)
    notes = Notes(file)
    draft = _read(name, data, file, notes, columns, sheet, order, encoding)
    if draft is not None:
        tidy(draft)
        _within_limits(draft, notes)
    notes.raise_if_errors()
    if draft is None:
        raise ImportFailed([Diagnostic(file, 1, 1, "error", "nothing to import")])
    yaml_text, timeline = render(draft, "timeline.yaml")
    warnings = sorted(notes.warnings, key=notes.order)
    conversions = sorted(notes.conversions, key=notes.order)
    return ImportResult(yaml_text, tuple(warnings), timeline, tuple(conversions))


def _within_limits(draft: Any, notes: Any) -> None:
    """Errors in the input file's terms (not the generated chronology's) when what was read
    is more than a chronology may hold."""
    from timeline.spec import MAX_ERAS, MAX_EVENTS, MAX_VIEWS

    for what, count, limit in (
        ("events", len(draft.events), MAX_EVENTS),
        ("views", len(draft.views), MAX_VIEWS),
        ("eras", len(draft.eras), MAX_ERAS),
    ):
        if count > limit:
            notes.error(
                1,
                1,
                f"the file holds {count:,} {what}; a chronology holds at most {limit:,}",
                "split the file into several",
            )


def _check_options(
    name: str,
    columns: dict[str, str] | None,
    sheet: str | None,
    order: str | None,
    encoding: str | None,
) -> None:
    from timeline.formats._columns import KEYS

    if (columns or order) and name not in SHEETS:
        raise ValueError("column names and the order of day and month apply to spreadsheets")
    if sheet is not None and name not in ("xlsx", "xls", "ods"):
        raise ValueError("a sheet can only be chosen in a workbook (xlsx, xls, ods)")
    if encoding is not None and name not in ("csv", "timelinejs", "json"):
        raise ValueError("an encoding applies to text files only")
    if order is not None and order not in ("day first", "month first"):
        raise ValueError(f"order must be 'day first' or 'month first', not {order!r}")
    for theirs, ours in (columns or {}).items():
        if ours and ours not in KEYS and not ours.startswith("x-"):
            raise ValueError(f"unknown key '{ours}' for column '{theirs}'")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(f"unknown encoding '{encoding}'") from None


def _read(
    name: str,
    data: bytes,
    file: str,
    notes: Notes,
    columns: dict[str, str] | None,
    sheet: str | None,
    order: str | None,
    encoding: str | None,
) -> Any:
    from timeline.formats._human_dates import Order

    day_order = Order(order) if order is not None else None
    module = _module(IMPORTERS[name])
    if name in ("xlsx", "xls", "ods"):
        from timeline.formats._sheet import SheetOptions

        options = SheetOptions(columns=columns or {}, order=day_order)
        return module.read(data, notes, file=file, options=options, sheet=sheet)
    text = _decode(data, notes, encoding, spreadsheet=name == "csv")
    if text is None:
        return None
    if name == "csv":
        return module.read(text, notes, file=file, columns=columns, order=day_order)
    if name == "timelinejs":
        return module.read(text, notes, file=file, csv_layout=_is_csv(file, text))
    return module.read(text, notes)


def _is_csv(file: str, text: str) -> bool:
    if Path(file).suffix.lower() == ".json":
        return False
    return not text.lstrip().startswith(("{", "["))


def _decode(
    data: bytes, notes: Notes, encoding: str | None = None, *, spreadsheet: bool = False
) -> str | None:
    """The file's text: in ``encoding`` when given; else UTF-8 (with or without a
    byte-order mark) or UTF-16 with one; else, for a spreadsheet saved as CSV, Windows-1252
    (what Excel writes in western Europe and America), with a warning."""
    from timeline.errors import byte_position

    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            line, col = byte_position(data, exc.start)
            notes.error(line, col, f"byte 0x{data[exc.start]:02x} is not valid {encoding}")
            return None
    from timeline.loader._nodes import wide_encoding

    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        notes.error(1, 1, "file is encoded as UTF-32", "save it as UTF-8")
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            notes.error(1, 1, "the file says it is UTF-16 but is not", "save it as UTF-8")
            return None
    wide = wide_encoding(data)
    if wide is not None:
        notes.error(
            1, 1, f"file is encoded as {wide} without a byte-order mark", "save it as UTF-8"
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = byte_position(data, exc.start)
        if spreadsheet:
            from timeline.formats._encoding import windows_1252

            return windows_1252(data, notes, (line, col))
        notes.error(
            line, col, f"byte 0x{data[exc.start]:02x} is not valid UTF-8", "save the file as UTF-8"
        )
        return None
