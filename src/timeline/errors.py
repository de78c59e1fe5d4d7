"""Errors and diagnostics: every problem is reported where it is, as ``file:line:col``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Diagnostic",
    "InvalidTimeline",
    "Severity",
    "TimelineError",
    "byte_position",
    "summary",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem in a file. ``line`` and ``col`` are 1-based; ``hint`` says how to fix it."""

    file: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.severity}: {_one_line(self.message)}"
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
        }


_ESCAPES = {i: f"\\x{i:02x}" for i in range(0x20)} | {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}


def _one_line(text: str) -> str:
    """Messages quote what the user wrote, which may hold line breaks: keep one line each."""
    return text.translate(_ESCAPES) if not text.isprintable() else text


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
