"""Errors and diagnostics: every problem is reported where it is, as ``file:line:col``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Diagnostic",
    "InvalidTimeline",
    "Severity",
    "TimelineError",
    "byte_position",
    "cell_name",
    "column_letters",
    "shorten",
    "shown",
    "summary",
]

#: ``note`` is for what an importer explains (how it read a value), never a problem.
Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem in a file. ``line`` and ``col`` are 1-based; ``hint`` says how to fix it.

    In a spreadsheet workbook ``sheet`` names the sheet, ``line`` is the row and ``col`` the
    column, and the place is written the way spreadsheets write it: ``book.xlsx:Events!B12``.
    """

    file: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str | None = None
    sheet: str | None = None

    @property
    def where(self) -> str:
        """``file:line:col``, or ``file:Sheet!B12`` for a cell of a workbook."""
        if self.sheet is not None:
            return f"{self.file}:{cell_name(self.line, self.col, self.sheet)}"
        return f"{self.file}:{self.line}:{self.col}"

    def __str__(self) -> str:
        text = f"{_one_line(self.where)}: {self.severity}: {_one_line(self.message)}"
        return f"{text} (hint: {_one_line(self.hint)})" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        """The diagnostic as plain data, for JSON output."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        } | ({"sheet": self.sheet} if self.sheet is not None else {})


def column_letters(col: int) -> str:
    """A 1-based column number as spreadsheets name it: 1 is ``A``, 27 is ``AA``."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters or "A"


_PLAIN_SHEET = re.compile(r"[^\W\d][\w.]*")


def cell_name(row: int, col: int, sheet: str | None = None) -> str:
    """A cell as spreadsheets write it, ``B12`` or ``Events!B12``; a sheet name with spaces
    or other characters is quoted as they quote it (``'Read me'!A1``)."""
    cell = f"{column_letters(col)}{row}"
    if sheet is None:
        return cell
    name = sheet if _PLAIN_SHEET.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{cell}"


_ESCAPES = {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}
#: A diagnostic's message or hint longer than this is cut: messages quote what the user
#: wrote, and one line per problem must stay one readable line whatever the input.
MAX_MESSAGE = 1000


def _one_line(text: str) -> str:
    """Messages quote what the user wrote, which may hold line breaks, control characters,
    invisible direction controls or lone surrogates: keep one printable line each."""
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    if text.isprintable():
        return text
    return "".join(_escape(ch) if _hidden(ch) else ch for ch in text)


#: Controls, format characters (direction controls among them), lone surrogates and line
#: or paragraph separators: shown as escapes. Spaces (no-break ones too) are shown as they are.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _hidden(ch: str) -> bool:
    return not ch.isprintable() and unicodedata.category(ch) in _HIDDEN_CATEGORIES


def _escape(ch: str) -> str:
    code = ord(ch)
    if code in _ESCAPES:
        return _ESCAPES[code]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str, limit: int = 60) -> str:
    """A value (a key, an id, a date) quoted exactly as written, cut to ``limit``
    characters: unlike :func:`shorten`, white space is left alone, so a line break or
    control character in it is shown as an escape when the message is printed."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class TimelineError(Exception):
    """Base class of every error this package raises on purpose."""


class InvalidTimeline(TimelineError):
    """A chronology file with errors; ``diagnostics`` holds every one of them, in file order."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        errors = [d for d in self.diagnostics if d.severity == "error"]
        first = str(errors[0]) if errors else "invalid chronology"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)


def summary(diagnostics: Sequence[Diagnostic], file: str) -> str:
    """One line counting errors and warnings, e.g. ``timeline.yaml: 2 errors, 1 warning``."""
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"{file}: valid"

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return f"{file}: {n(errors, 'error')}, {n(warnings, 'warning')}"


def byte_position(data: bytes, index: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte ``index`` of UTF-8-ish ``data``,
    for pointing at a byte that is not valid UTF-8."""
    line = data.count(b"\n", 0, index) + 1
    line_start = data.rfind(b"\n", 0, index) + 1
    return line, len(data[line_start:index].decode("utf-8", "replace")) + 1


def shorten(text: str, limit: int = 50) -> str:
    """User text quoted in a message: on one line, and when longer than ``limit`` characters
    cut at the end of a word, with an ellipsis ("Fighting erupts in Khartoum and…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    head = text[:cut] if cut >= limit // 2 else text[: limit - 1]
    return head.rstrip(" ,;:.-–—") + "…"
