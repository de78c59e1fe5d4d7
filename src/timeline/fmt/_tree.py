"""The tree the formatter works on: entries with their exact spans, and their comments.

:mod:`timeline.fmt._parse` builds it from libyaml's tokens; :mod:`timeline.fmt._read` gives
each comment its owner. The tree holds no links back from an entry to its collection (nor
from a collection to its entry): it has no reference cycles, so it is freed as soon as it is
dropped, even while the cycle collector is paused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = [
    "BLOCK_HEADER",
    "NULLS",
    "Collection",
    "Comment",
    "Document",
    "Entry",
    "Node",
    "Scalar",
    "UnsupportedYAML",
    "Written",
]

#: The plain scalars that mean null.
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
BLOCK_HEADER = re.compile(r"([|>])([0-9]?)([+-]?)([0-9]?)[ \t]*(#.*)?")


class UnsupportedYAML(Exception):
    """The text uses a YAML feature the formatter does not rewrite; ``line`` is 1-based."""

    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass(slots=True, eq=False)
class Comment:
    """One comment: its text from ``#`` (trailing white space removed) and where it was."""

    text: str
    index: int
    line: int  # 0-based
    col: int  # 0-based
    own_line: bool
    #: True when the line above it is blank.
    blank_before: bool


@dataclass(slots=True, eq=False)
class Scalar:
    """A scalar as written. ``style`` is None for plain, else the quote or block indicator.

    A large file has millions of scalars: each holds only what the formatter needs (not
    where it is: the entry holding it knows), and the keys and empty values that repeat
    are shared objects (nothing changes a scalar once read).
    """

    value: str
    style: str | None
    raw: str
    #: True when it ends on a later line than it starts.
    spans_lines: bool
    #: For block scalars (and other scalars but plain ones on one line): the column the
    #: indentation indicator counts from (the key's or the ``-``'s).
    parent_col: int = 0

    @property
    def is_null(self) -> bool:
        return self.style is None and self.value in NULLS

    @property
    def is_block(self) -> bool:
        return self.style in ("|", ">")

    @property
    def multiline(self) -> bool:
        return self.spans_lines and not self.is_block


@dataclass(slots=True, eq=False)
class Collection:
    """A mapping (``kind == "map"``) or a list (``"seq"``), block or flow."""

    kind: str
    flow: bool
    start: int
    line: int
    col: int
    depth: int
    entries: list[Entry] = field(default_factory=list)
    end: int = 0
    #: Comments after the last entry that close this block. Tuples, not lists, in this tree:
    #: almost every entry has no comment, and a million empty lists would cost 50 MB.
    footer: tuple[Comment, ...] = ()


Node = Scalar | Collection


@dataclass(slots=True, eq=False)
class Written:
    """An event already written in the canonical form: read from libyaml's events, each
    event of a text with no comment below its first key is written as soon as it is read
    (:mod:`timeline.fmt._events`), so a large file's tree never holds its events' entries.

    ``text`` is its lines (its ``- `` line first, indented as an item of the top-level
    ``events`` list) joined by line breaks; ``keep`` is True when its last line ends a
    keep-chomped block scalar (``|+``: no blank line may follow it).
    """

    text: str
    keep: bool
    #: True when its last line is blank.
    blank_end: bool


@dataclass(slots=True, eq=False)
class Entry:
    """A key and its value, or a list item. Spans are character offsets in the text."""

    key: Scalar | None
    value: Node | Written
    start: int
    col: int
    end: int = 0
    leading: tuple[Comment, ...] = ()
    trailing: tuple[Comment, ...] = ()
    #: Comments under an entry whose value is on its own line (``events:`` then ``# ...``).
    under: tuple[Comment, ...] = ()
    #: True when a blank line separates the leading comments from the entry.
    blank_after_leading: bool = False


@dataclass(slots=True, eq=False)
class Document:
    """The whole file: the top-level node and the comments that belong to the file."""

    text: str
    root: Node | None
    explicit_start: bool
    #: Comments before ``---``.
    header: list[Comment]
    #: Comments above the first key (after ``---`` if there is one).
    intro: list[Comment]
    blank_after_intro: bool
    footer: list[Comment]
    #: Where the top-level node starts (an offset in the text).
    root_start: int = 0
    #: False when no comment lies below the first key (no entry or block holds one): the
    #: reader knew it (:mod:`timeline.fmt._events`), so nobody need look for them.
    comments_below: bool = True
