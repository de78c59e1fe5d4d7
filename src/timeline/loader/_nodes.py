"""YAML text -> a small tree of nodes that remember their line and column.

We build the tree ourselves from libyaml's event stream instead of using a YAML loader:
every scalar stays the text the user wrote (PyYAML would turn ``2011-03-15`` into a date,
``no`` into False and ``-0500`` into an octal number), and the features through which YAML
bombs and code-execution payloads arrive (anchors, aliases, tags, merge keys) are refused at
their line and column instead of being expanded. Duplicate keys, which PyYAML silently
overwrites, are reported with both lines. The C event parser plus this loop is faster than
PyYAML's own C composer.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev

from timeline.errors import Diagnostic, byte_position
from timeline.spec import MAX_BYTES, MAX_EVENTS

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EVENTS",
    "Mapping",
    "Node",
    "Scalar",
    "Sequence",
    "parse",
    "too_large",
]
#: Deeper nesting than this is refused: the format itself never needs more than 5 levels.
MAX_DEPTH = 32

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(slots=True, eq=False)
class Scalar:
    """A scalar exactly as written. ``style`` is None for plain scalars, else the quote or
    block indicator (``'``, ``"``, ``|``, ``>``)."""

    value: str
    line: int
    col: int
    style: str | None = None

    @property
    def is_null(self) -> bool:
        return self.style is None and self.value in _NULLS


@dataclass(slots=True, eq=False)
class Mapping:
    """A mapping whose keys are scalars, in file order, without duplicates."""

    line: int
    col: int
    items: list[tuple[Scalar, Node]] = field(default_factory=list)

    def keys(self) -> Iterator[str]:
        return (k.value for k, _ in self.items)


@dataclass(slots=True, eq=False)
class Sequence:
    line: int
    col: int
    items: list[Node] = field(default_factory=list)


Node = Scalar | Mapping | Sequence


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[Diagnostic] = []
        #: True once an anchor, alias, tag or merge key was refused.
        self.refused = False

    def add(self, line: int, col: int, message: str, hint: str | None = None) -> None:
        self.found.append(Diagnostic(self.file, line, col, "error", message, hint))


def parse(data: bytes, file: str) -> tuple[Node | None, list[Diagnostic]]:
    """Parse ``data`` (the file's bytes) into a node tree, or report why it cannot be read."""
    problems = _Problems(file)
    if len(data) > MAX_BYTES:
        return None, [too_large(file, len(data), MAX_BYTES)]
    text = _decode(data, problems)
    if text is None:
        return None, problems.found
    with paused_gc():
        root = _build(text, problems)
    if problems.refused:
        # Anchors, aliases, tags and merge keys change what the document means; checking the
        # rest of it as if they were not there would only report consequences.
        return None, problems.found
    if root is None and not problems.found:
        problems.add(
            1, 1, "file has no content", "a chronology needs at least 'title' and 'events'"
        )
    return root, problems.found


def too_large(file: str, size: int | None, limit: int = MAX_BYTES) -> Diagnostic:
    """The error for a file over the size limit (``size`` None: it does not end, like a
    device or a pipe that keeps writing)."""
    said = f"file is {size:,} bytes" if size is not None else f"file is larger than {limit:,} bytes"
    return Diagnostic(
        file,
        1,
        1,
        "error",
        f"{said}; the limit is {limit:,} bytes",
        "split the chronology into several files",
    )


@contextlib.contextmanager
def paused_gc(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector.

    Building many small objects triggers it again and again, which makes loading large files
    superlinear (measured: 10,000 events check in 0.9 s instead of 1.3 s with it). Nothing
    the loader builds forms a reference cycle, so reference counting frees it all anyway.
    With ``freeze``, objects still alive at the end are moved to the collector's permanent
    generation (:func:`gc.freeze`): otherwise the first collection after a large load walks
    every object just built (0.2 s for 10,000 events). They are still freed as usual.
    Freezing also makes immortal whatever unreachable cycles are waiting to be collected, so
    those are collected first (about 4 ms in a fresh command; in a long-lived process, such
    as ``watch`` or a library caller, a previous render's figures would otherwise be kept
    for ever: tens of megabytes a load).
    """
    was_enabled = gc.isenabled()
    if freeze and was_enabled:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()


def _decode(data: bytes, problems: _Problems) -> str | None:
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            problems.add(1, 1, f"file is encoded as {name}", "save it as UTF-8")
            return None
    wide = wide_encoding(data)
    if wide is not None:
        problems.add(
            1, 1, f"file is encoded as {wide} without a byte-order mark", "save it as UTF-8"
        )
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = byte_position(data, exc.start)
        problems.add(
            line, col, f"byte 0x{data[exc.start]:02x} is not valid UTF-8", "save the file as UTF-8"
        )
        return None
    bad = _first_control_character(text)
    if bad is not None:
        line = text.count("\n", 0, bad) + 1
        col = bad - (text.rfind("\n", 0, bad) + 1) + 1
        ch = text[bad]
        if ch in _ODD_BREAKS:
            problems.add(
                line,
                col,
                f"{_ODD_BREAKS[ch]} is not allowed in a chronology: readers disagree on "
                "whether it ends a line",
                "end lines with a line feed (LF or CRLF); remove it from the text",
            )
        else:
            problems.add(
                line,
                col,
                f"control character U+{ord(ch):04X} is not allowed in a chronology",
                "remove it; only tabs and line breaks are allowed",
            )
        return None
    return text


def wide_encoding(data: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when ``data`` looks like text in one of them without a
    byte-order mark (ASCII characters with zero bytes between them), else None."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    n = len(sample) // 4 * 4
    quads = [sample[i:n:4].count(0) for i in range(4)]
    quarter = n // 4
    if quarter and sorted(quads)[1] >= 0.9 * quarter and min(quads) < 0.5 * quarter:
        return "UTF-32"
    even, odd = sample[0:n:2].count(0), sample[1:n:2].count(0)
    half = n // 2
    if max(even, odd) >= 0.6 * half and min(even, odd) < 0.2 * half:
        return "UTF-16"
    return None


#: Line breaks other than LF and CRLF: YAML counts each as a line and editors do not, so
#: every later line number would be off; a CR alone also ends lines for some parsers.
_ODD_BREAKS = {
    "\r": "a carriage return without a line feed",
    "\x85": "a next-line character (U+0085)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029]|\r(?!\n)")


#: The ASCII characters :data:`_CONTROL` can match, found by asking it (a character that
#: matches only beside certain others is included too, and then merely costs the search).
_ASCII_CONTROLS = bytes(c for c in range(128) if _CONTROL.match(chr(c)) is not None)


def _first_control_character(text: str) -> int | None:
    # Most files are ASCII and have none: deleting the few suspects from the bytes and
    # comparing lengths is twenty times faster than searching the text.
    if text.isascii():
        data = text.encode("ascii")
        if len(data.translate(None, _ASCII_CONTROLS)) == len(data):
            return None
    m = _CONTROL.search(text)
    return None if m is None else m.start()


def _events(text: str) -> Iterator[Any]:
    """libyaml's events, straight from the C parser (skipping PyYAML's generator layer,
    which costs a third of the parse)."""
    parser = yaml.CSafeLoader(text)
    try:
        get = parser.get_event
        while True:
            event = get()
            if event is None or event.__class__ is ev.StreamEndEvent:
                return
            yield event
    finally:
        parser.dispose()


def _build(text: str, problems: _Problems) -> Node | None:
    # Any: the loop tests classes by identity (faster than isinstance), which mypy cannot follow.
    events: Iterator[Any] = _events(text)
    root: Node | None = None
    # Stack of (container, pending key for mappings, seen keys for mappings).
    # The pending list holds [key, keep]: keep is False for a duplicate key, whose value is
    # reported and dropped.
    stack: list[tuple[Mapping | Sequence, list[object], dict[str, int] | None]] = []
    documents = 0
    seen_aliases: set[str] = set()
    # Local names: this loop runs once per YAML event (27 per typical chronology event).
    scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
    mapping_start, sequence_start = ev.MappingStartEvent, ev.SequenceStartEvent
    mapping_end, sequence_end = ev.MappingEndEvent, ev.SequenceEndEvent
    try:
        for event in events:
            cls = event.__class__
            node: Node
            if cls is scalar_event:
                mark = event.start_mark
                node = Scalar(event.value, mark.line + 1, mark.column + 1, event.style or None)
                if event.anchor is not None or event.tag is not None:
                    _refuse_features(event, node.line, node.col, problems)
            elif cls is mapping_start or cls is sequence_start:
                mark = event.start_mark
                line, col = mark.line + 1, mark.column + 1
                if event.anchor is not None or event.tag is not None:
                    _refuse_features(event, line, col, problems)
                if len(stack) >= MAX_DEPTH:
                    problems.add(line, col, f"nesting deeper than {MAX_DEPTH} levels")
                    return None
                if cls is mapping_start:
                    stack.append((Mapping(line, col), [None, True], {}))
                else:
                    stack.append((Sequence(line, col), [None, True], None))
                continue
            elif cls is mapping_end or cls is sequence_end:
                node = stack.pop()[0]
            elif cls is alias_event:
                mark = event.start_mark
                problems.refused = True
                # Report each alias name once: an alias bomb repeats them by the hundred.
                if event.anchor not in seen_aliases:
                    seen_aliases.add(event.anchor)
                    problems.add(
                        mark.line + 1,
                        mark.column + 1,
                        f"alias *{event.anchor} is not allowed",
                        "write the value out in full; anchors and aliases are refused for safety",
                    )
                node = Scalar("", mark.line + 1, mark.column + 1, "'")
            elif cls is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    problems.add(
                        mark.line + 1,
                        mark.column + 1,
                        "file holds more than one YAML document",
                        "keep one chronology per file; remove the '---' line",
                    )
                    return root
                continue
            else:
                continue
            if not stack:
                root = node
                continue
            parent, pending, seen = stack[-1]
            if seen is None:
                parent.items.append(node)  # type: ignore[arg-type]
                if len(stack) == 2 and len(parent.items) > MAX_EVENTS:
                    key = stack[0][1][0]
                    if isinstance(key, Scalar) and key.value == "events":
                        problems.add(
                            node.line,
                            node.col,
                            f"more than {MAX_EVENTS:,} events; the limit is {MAX_EVENTS:,}",
                            "split the chronology into several files",
                        )
                        return None
            elif pending[0] is None:
                if node.__class__ is not Scalar:
                    problems.add(
                        node.line, node.col, "a key must be plain text, not a list or mapping"
                    )
                    pending[0] = Scalar("", node.line, node.col, "'")
                    pending[1] = False  # drop the pair: its value has no usable key
                    continue
                assert isinstance(node, Scalar)
                if node.style is None and node.value == "<<":
                    problems.refused = True
                    problems.add(
                        node.line,
                        node.col,
                        "merge keys (<<) are not allowed",
                        "write the keys out in full",
                    )
                first = seen.get(node.value)
                pending[1] = first is None
                if first is not None:
                    problems.add(
                        node.line,
                        node.col,
                        f"duplicate key '{node.value}' (first written at line {first})",
                        "YAML keeps only one of them; remove or rename one",
                    )
                else:
                    seen[node.value] = node.line
                pending[0] = node
            else:
                key = pending[0]
                pending[0] = None
                if pending[1]:
                    parent.items.append((key, node))  # type: ignore[arg-type]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        at_tab = mark is not None and _char_at(text, mark.line, mark.column) == "\t"
        if at_tab:
            problems.add(line, col, "tab character in indentation", "YAML indents with spaces")
        else:
            problems.add(line, col, _syntax_message(exc), _syntax_hint(exc))
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports marks for all it knows
        problems.add(1, 1, f"YAML syntax error: {exc}")
        return None
    return root


def _refuse_features(event: ev.NodeEvent, line: int, col: int, problems: _Problems) -> None:
    if event.anchor is not None:
        problems.refused = True
        problems.add(
            line,
            col,
            f"anchor &{event.anchor} is not allowed",
            "write the value out in full; anchors and aliases are refused for safety",
        )
    tag = getattr(event, "tag", None)
    if tag is not None:
        problems.refused = True
        problems.add(
            line,
            col,
            f"tag {_short_tag(tag)} is not allowed",
            "remove the tag; tags are refused because they can run code in other YAML tools",
        )


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    text = f"YAML syntax error: {problem}" if problem else "YAML syntax error"
    if context:
        text += f" ({context})"
    return text


def _syntax_hint(exc: yaml.MarkedYAMLError) -> str | None:
    problem = exc.problem or ""
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted"
    if "cannot start any token" in problem:
        return "quote the value"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "check the indentation of this line and the one before"
    if "end of stream" in problem and "quoted" in (exc.context or ""):
        return "a quote is never closed"
    return None
