"""JSON with the line and column of every value, so import errors can point at them.

The standard library's parser says where a syntax error is, but not where a valid value
sits. :func:`parse` first lets it check the syntax (its messages are good), then walks the
text once more with the same string and number scanners, recording each value's position
under its path (``("events", 3, "start_date", "year")``).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from json.scanner import NUMBER_RE
from typing import Any

from timeline.formats._draft import Notes

__all__ = ["Located", "parse"]

Path = tuple[str | int, ...]
_WS = re.compile(r"[ \t\n\r]*")


class Located:
    """A parsed JSON document and the ``(line, col)`` of each of its values."""

    def __init__(self, value: Any, positions: dict[Path, tuple[int, int]]) -> None:
        self.value = value
        self.positions = positions

    def at(self, path: Path) -> tuple[int, int]:
        """The position of the value at ``path``, or of its nearest enclosing value."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


#: Numbers in a chronology are small (years, importances): longer ones are refused at their
#: place. Python refuses to read integers of more than 4,300 digits at all.
MAX_NUMBER = 40


class _Refused:
    """What a refused number reads as, until the walk reports it at its place."""


_REFUSED = _Refused()


def _int(text: str) -> int | _Refused:
    return int(text) if len(text) <= MAX_NUMBER else _REFUSED


def _float(text: str) -> float | _Refused:
    if len(text) > MAX_NUMBER:
        return _REFUSED
    value = float(text)
    return value if math.isfinite(value) else _REFUSED


def _constant(text: str) -> _Refused:
    return _REFUSED


def _number_problem(token: str) -> str | None:
    """Why a number token is refused, or None."""
    if token in ("NaN", "Infinity", "-Infinity"):
        return f"{token} is not a JSON number"
    if len(token) > MAX_NUMBER:
        return f"a number of {len(token):,} characters is too long (the limit is {MAX_NUMBER})"
    if any(c in token for c in ".eE") and not math.isfinite(float(token)):
        return f"{token} is too large a number"
    return None


def parse(text: str, notes: Notes) -> Located | None:
    """Parse ``text``; on a syntax error, report it at its line and column and return None.
    NaN, Infinity and numbers too long or too large to be dates or importances are
    reported at their place too."""
    try:
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        notes.error(exc.lineno, exc.colno, f"not valid JSON: {exc.msg}")
        return None
    except RecursionError:
        notes.error(1, 1, "not valid JSON: nested too deeply")
        return None
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    positions: dict[Path, tuple[int, int]] = {}
    refused = 0

    def where(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def walk(i: int, path: Path) -> int:
        i = _WS.match(text, i).end()  # type: ignore[union-attr]
        positions[path] = where(i)
        ch = text[i]
        if ch == "{":
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
            if text[i] == "}":
                return i + 1
            while True:
                i = _WS.match(text, i).end()  # type: ignore[union-attr]
                key, i = scanstring(text, i + 1)
                i = _WS.match(text, i).end() + 1  # type: ignore[union-attr]  # the ':'
                i = _WS.match(text, walk(i, (*path, key))).end()  # type: ignore[union-attr]
                if text[i] == "}":
                    return i + 1
                i += 1  # the ','
        if ch == "[":
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
            if text[i] == "]":
                return i + 1
            n = 0
            while True:
                i = _WS.match(text, walk(i, (*path, n))).end()  # type: ignore[union-attr]
                n += 1
                if text[i] == "]":
                    return i + 1
                i += 1
        if ch == '"':
            return int(scanstring(text, i + 1)[1])
        nonlocal refused
        m = NUMBER_RE.match(text, i)
        if m is not None and m.end() > i:
            problem = _number_problem(m.group())
            if problem is not None:
                refused += 1
                notes.error(*where(i), problem)
            return int(m.end())
        for word in ("true", "false", "null", "NaN", "Infinity", "-Infinity"):
            if text.startswith(word, i):
                if word[-1] in "Ny":
                    refused += 1
                    notes.error(*where(i), f"{word} is not a JSON number")
                return i + len(word)
        raise AssertionError(f"unexpected {ch!r} at {where(i)} in JSON that parsed")

    try:
        walk(0, ())
    except RecursionError:
        notes.error(1, 1, "not valid JSON: nested too deeply")
        return None
    return None if refused else Located(value, positions)
