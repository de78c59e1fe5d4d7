"""Export to and import from the formats people already use.

Exports: ``json``, ``csv``, ``ics``, ``timelinejs``, ``mermaid``, ``markwhen``
(:data:`EXPORTERS`). Imports: ``csv``, ``timelinejs`` (its JSON and its spreadsheet CSV),
and our own ``json`` (:data:`IMPORTERS`). Each format lives in its own module, imported
only when used (``ics`` needs the ``icalendar`` package)::

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
from typing import Any

from timeline.errors import Diagnostic, byte_position
from timeline.formats._draft import ImportFailed, Notes
from timeline.model import Event, Timeline, View
from timeline.query import select, sort

__all__ = [
    "EXPORTERS",
    "IMPORTERS",
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


EXPORTERS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "json_format", "the whole chronology as documented JSON", True),
        Format("csv", "csv_format", "one row per event, for spreadsheets", True),
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
        Format("csv", "csv_format", "a spreadsheet with our column names (or --map)"),
        Format("timelinejs", "timelinejs", "TimelineJS3 JSON or its spreadsheet CSV"),
    )
}


def _module(fmt: Format) -> Any:
    return importlib.import_module(f".{fmt.module}", __name__)


def export(timeline: Timeline, fmt: str, *, view: str | None = None) -> str:
    """The chronology (or the events of one view) in format ``fmt``, as text.

    Raises KeyError for an unknown format or view.
    """
    spec = EXPORTERS[fmt]
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
    text: str = _module(spec).export(timeline, events, chosen)
    return text


def export_bytes(
    timeline: Timeline, fmt: str, *, view: str | None = None, bom: bool = False
) -> bytes:
    """:func:`export` encoded as UTF-8; ``bom`` puts a byte-order mark first (Excel needs
    one to read a CSV file as UTF-8)."""
    data = export(timeline, fmt, view=view).encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


@dataclass(frozen=True, slots=True)
class ImportResult:
    """An imported chronology: ``text`` is the ``timeline.yaml`` to write, ``timeline`` what
    it loads as, and ``warnings`` what could not be carried over (``file:line:col``)."""

    text: str
    warnings: tuple[Diagnostic, ...]
    timeline: Timeline


def guess_format(path: str | Path, data: bytes) -> str | None:
    """The import format of a file, from its suffix and, for ``.json`` and ``.csv`` (which
    two formats share), its first bytes. None when the suffix says nothing."""
    suffix = Path(path).suffix.lower()
    head = data[:4096].decode("utf-8", "replace").lower()
    if suffix == ".json":
        from timeline.formats.json_format import FORMAT_NAME

        return "json" if f'"{FORMAT_NAME}"' in head else "timelinejs"
    if suffix in (".csv", ".tsv", ".txt"):
        header = "".join(head.split("\n", 1)[0].split())
        return "timelinejs" if "headline" in header and "year" in header else "csv"
    return None


def import_file(
    path: str | Path, fmt: str | None = None, *, columns: dict[str, str] | None = None
) -> ImportResult:
    """Import the file at ``path`` (format guessed from its name when ``fmt`` is None).

    ``columns`` maps CSV header names to our column names (``csv`` only). Raises OSError
    when the file cannot be read, ValueError when the format is unknown or cannot be
    guessed, and :class:`ImportFailed` when the file has errors.
    """
    data = Path(path).read_bytes()
    return import_bytes(data, str(path), fmt, columns=columns)


def import_bytes(
    data: bytes, file: str, fmt: str | None = None, *, columns: dict[str, str] | None = None
) -> ImportResult:
    """Like :func:`import_file`, for a file already in memory; ``file`` names it in
    messages."""
    from timeline.formats._yaml import render

    name = fmt or guess_format(file, data)
    if name is None or name not in IMPORTERS:
        raise ValueError(f"cannot import format {name!r}")
    if columns and name != "csv":
        raise ValueError("column names can only be mapped for csv")
    notes = Notes(file)
    text = _decode(data, notes)
    draft = None
    if text is not None:
        module = _module(IMPORTERS[name])
        if name == "csv":
            draft = module.read(text, notes, file=file, columns=columns)
        elif name == "timelinejs":
            draft = module.read(text, notes, file=file, csv_layout=_is_csv(file, text))
        else:
            draft = module.read(text, notes)
    notes.raise_if_errors()
    if draft is None:
        raise ImportFailed([Diagnostic(file, 1, 1, "error", "nothing to import")])
    yaml_text, timeline = render(draft, "timeline.yaml")
    warnings = sorted(notes.warnings, key=lambda d: (d.line, d.col))
    return ImportResult(yaml_text, tuple(warnings), timeline)


def _is_csv(file: str, text: str) -> bool:
    if Path(file).suffix.lower() == ".json":
        return False
    return not text.lstrip().startswith(("{", "["))


def _decode(data: bytes, notes: Notes) -> str | None:
    """The file's text: UTF-8 (with or without a byte-order mark) or UTF-16 with one."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            notes.error(1, 1, "the file says it is UTF-16 but is not", "save it as UTF-8")
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = byte_position(data, exc.start)
        notes.error(
            line, col, f"byte 0x{data[exc.start]:02x} is not valid UTF-8", "save the file as UTF-8"
        )
        return None
