"""A whole workbook read into a draft chronology: which sheet holds the events, and what the
sheets our xlsx export writes beside it say (the chronology's settings, sources, groups,
eras and views).

The events come from the sheet named with ``--sheet``, or else the first visible sheet with
a header naming a column of dates. Every other sheet that holds something is reported as
left out, at its first cell. The sheets ``About``, ``Sources``, ``Groups``, ``Eras`` and
``Views`` are read when their header is the one our export writes.
"""

from __future__ import annotations

from collections.abc import Callable

from timeline._colors import is_color
from timeline.dates import DateError, parse_date
from timeline.errors import shown
from timeline.formats._common import split_items
from timeline.formats._draft import Draft, Notes, check_when, clean_text, is_id, one_line, words
from timeline.formats._sheet import Known, SheetOptions, cell_text, find_header, read_table
from timeline.formats._workbook import CellValue, Table
from timeline.spec import LAYOUTS, LOCALES, is_url

__all__ = ["AUXILIARY", "SheetNotFound", "read_book"]

#: The sheets our export writes beside the events, and their columns.
AUXILIARY: dict[str, tuple[str, ...]] = {
    "Sources": ("id", "title", "publisher", "date", "url", "note"),
    "Groups": ("id", "label", "color"),
    "Eras": ("title", "date", "end", "color"),
    "Views": (
        "name",
        "title",
        "subtitle",
        "from",
        "to",
        "groups",
        "tags",
        "min_importance",
        "layout",
    ),
    "About": ("key", "value"),
}
#: The settings the ``About`` sheet holds, one a row.
ABOUT_KEYS = ("title", "subtitle", "as_of", "locale", "timezone")


class SheetNotFound(ValueError):
    """``--sheet`` names a sheet the workbook does not have."""


def read_book(
    tables: list[Table], notes: Notes, *, file: str, options: SheetOptions, sheet: str | None
) -> Draft | None:
    """A draft from a workbook's sheets. Raises SheetNotFound for an unknown ``sheet``."""
    notes.sheets([t.name or "" for t in tables])
    auxiliary = {t.name: t for t in tables if _auxiliary(t) is not None}
    chosen = _choose(tables, notes, options, sheet, auxiliary)
    if chosen is None:
        return None
    known = Known()
    about: dict[str, str] = {}
    extras: list[tuple[Table, str]] = []
    for table in tables:
        kind = _auxiliary(table) if table is not chosen else None
        if kind is not None:
            extras.append((table, kind))
        elif table is not chosen and any(not _blank(v) for row in table.rows for v in row):
            notes.sheet = table.name
            quoted = table.name
            notes.warn(
                1,
                1,
                f"sheet '{quoted}' is left out: one sheet of events is read",
                f"--sheet '{quoted}' reads this one instead",
            )
    rows_of = _Aux(notes)
    for table, kind in extras:
        notes.sheet = table.name
        rows_of.read(table, kind, known, about)
    known.title = about.get("title")
    notes.sheet = chosen.name
    draft = read_table(chosen, notes, file=file, options=options, known=known)
    if draft is None:
        return None
    notes.sheet = None
    rows_of.apply(draft, about, known)
    return draft


def _choose(
    tables: list[Table],
    notes: Notes,
    options: SheetOptions,
    sheet: str | None,
    auxiliary: dict[str | None, Table],
) -> Table | None:
    if sheet is not None:
        exact = [t for t in tables if t.name == sheet]
        loose = [t for t in tables if (t.name or "").lower() == sheet.lower()]
        if exact or loose:
            return (exact or loose)[0]
        names = ", ".join(f"'{t.name}'" for t in tables)
        raise SheetNotFound(f"the workbook has no sheet '{sheet}' (its sheets: {names})")
    for table in tables:
        if table.hidden or table.name in auxiliary:
            continue
        if find_header(table.rows, {}, options.columns) is not None:
            return table
    names = ", ".join(f"'{t.name}'" for t in tables)
    notes.error(
        1,
        1,
        f"no sheet has a header row with a column of dates (sheets: {names})",
        "name the column of dates Date (or Start, When, Datum, Tarih, التاريخ), or choose "
        "the sheet with --sheet NAME and its column with --map 'Their name=date'",
    )
    return None


def _auxiliary(table: Table) -> str | None:
    """Which of our own extra sheets ``table`` is, by its name and header, or None."""
    for name, columns in AUXILIARY.items():
        if (table.name or "").lower() != name.lower() or not table.rows:
            continue
        header = [cell_text(v).strip().lower() for v in table.rows[0]]
        if header[: len(columns)] == list(columns):
            return name
    return None


#: Values kept exactly as written (spaces included); the others are trimmed.
_TEXTS = frozenset({"title", "publisher", "note", "label", "subtitle", "value"})


def _blank(value: CellValue) -> bool:
    return isinstance(value, str) and not value.strip()


def _line(text: str) -> str:
    """Text that must be one line: as it is when it is, else its words on one line."""
    return text if "\n" not in text else one_line(text)


class _Aux:
    """Reads our extra sheets; every value is checked at its cell."""

    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.eras: list[dict[str, str]] = []
        self.views: dict[str, dict[str, str | list[str]]] = {}

    def read(self, table: Table, kind: str, known: Known, about: dict[str, str]) -> None:
        columns = AUXILIARY[kind]
        handlers: dict[str, Callable[[int, dict[str, str]], None]] = {
            "Sources": lambda n, f: self._source(n, f, known),
            "Groups": lambda n, f: self._group(n, f, known),
            "Eras": self._era,
            "Views": self._view,
            "About": lambda n, f: self._about(n, f, about),
        }
        for number, row in enumerate(table.rows[1:], start=2):
            fields: dict[str, str] = {}
            for c, key in enumerate(columns):
                text = clean_text(cell_text(row[c]))[0] if c < len(row) else ""
                if text.strip():
                    fields[key] = text if key in _TEXTS else text.strip()
            if fields:
                handlers[kind](number, fields)

    def _col(self, kind: str, key: str) -> int:
        return AUXILIARY[kind].index(key) + 1

    def _source(self, number: int, f: dict[str, str], known: Known) -> None:
        sid = f.pop("id", "")
        if not is_id(sid) or sid in known.sources:
            self.notes.error(number, 1, f"'{shown(sid)}' is not a valid, unique source id")
            return
        if "date" in f:
            try:
                parse_date(f["date"])
            except DateError as exc:
                self.notes.error(number, self._col("Sources", "date"), exc.message, exc.hint)
                return
        if "url" in f and not is_url(f["url"]):
            self.notes.error(
                number, self._col("Sources", "url"), "'url' must be an http:// or https:// link"
            )
            return
        f["title"] = _line(f.get("title", sid))
        if "publisher" in f:
            f["publisher"] = _line(f["publisher"])
        known.sources[sid] = f

    def _group(self, number: int, f: dict[str, str], known: Known) -> None:
        gid = f.pop("id", "")
        if not is_id(gid) or gid in known.groups:
            self.notes.error(number, 1, f"'{shown(gid)}' is not a valid, unique group id")
            return
        if "color" in f and not is_color(f["color"]):
            self.notes.error(
                number, self._col("Groups", "color"), f"'{f['color']}' is not a colour"
            )
            return
        f["label"] = _line(f.get("label", gid))
        known.groups[gid] = f

    def _era(self, number: int, f: dict[str, str]) -> None:
        if "title" not in f or "date" not in f:
            self.notes.error(number, 1, "an era needs a title and a date")
            return
        _, exc, in_end = check_when(f["date"], f.get("end"))
        if exc is not None:
            key = "end" if in_end else "date"
            self.notes.error(number, self._col("Eras", key), exc.message, exc.hint)
            return
        if "color" in f and not is_color(f["color"]):
            self.notes.error(number, self._col("Eras", "color"), f"'{f['color']}' is not a colour")
            return
        f["title"] = _line(f["title"])
        self.eras.append(f)

    def _view(self, number: int, f: dict[str, str]) -> None:
        name = f.pop("name", "")
        if not is_id(name) or name in self.views:
            self.notes.error(number, 1, f"'{shown(name)}' is not a valid, unique view name")
            return
        view: dict[str, str | list[str]] = {}
        for key, value in f.items():
            if key in ("from", "to"):
                _, exc, _ = check_when(value, None)
                if exc is not None:
                    self.notes.error(number, self._col("Views", key), exc.message, exc.hint)
                    return
            if key in ("groups", "tags"):
                view[key] = words(split_items(value))[0]
            elif key == "min_importance":
                if value not in ("1", "2", "3"):
                    self.notes.error(
                        number, self._col("Views", key), "'min_importance' must be 1, 2 or 3"
                    )
                    return
                if value != "1":
                    view[key] = value
            elif key == "layout":
                if value not in LAYOUTS:
                    self.notes.error(
                        number, self._col("Views", key), "'layout' must be across, down or auto"
                    )
                    return
                if value != "auto":
                    view[key] = value
            else:
                view[key] = _line(value)
        self.views[name] = view

    def _about(self, number: int, f: dict[str, str], about: dict[str, str]) -> None:
        key = f.get("key", "").strip()
        if key not in ABOUT_KEYS:
            self.notes.warn(number, 1, f"'{key}' is not a setting of a chronology: left out")
            return
        value = f.get("value")
        if value is None:
            return
        value = _line(value) if key in ("title", "subtitle") else value.strip()
        if key == "as_of":
            try:
                parse_date(value)
            except DateError as exc:
                self.notes.error(number, 2, f"'as_of': {exc.message}", exc.hint)
                return
        if key == "locale" and value not in LOCALES:
            self.notes.error(
                number, 2, f"'locale' must be one of {', '.join(LOCALES)}; got '{value}'"
            )
            return
        about[key] = value

    def apply(self, draft: Draft, about: dict[str, str], known: Known) -> None:
        """Put what the extra sheets say into the draft: settings, and every source and
        group they define (those no event cites too), eras and views."""
        if "title" in about:
            draft.title = about["title"]
        draft.subtitle = about.get("subtitle")
        draft.as_of = about.get("as_of")
        draft.locale = about.get("locale")
        draft.timezone = about.get("timezone")
        for sid, fields in known.sources.items():
            draft.sources.setdefault(sid, fields)
        groups = dict(known.groups)
        groups.update((g, f) for g, f in draft.groups.items() if g not in groups)
        draft.groups = groups
        draft.sources = {s: draft.sources[s] for s in [*known.sources, *draft.sources]}
        draft.eras = self.eras
        draft.views = self.views
