"""The tree the formatter works on: entries with their exact spans, built from tokens.

:class:`TreeParser` builds it from libyaml's token stream (the C scanner), which gives the
exact extent of every key, ``-``, value and bracket; :mod:`timeline._fmt_read` then finds the
comments between the tokens and gives each one its owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yaml import tokens as tk

__all__ = [
    "BLOCK_HEADER",
    "Collection",
    "Comment",
    "Document",
    "Entry",
    "Node",
    "Scalar",
    "TreeParser",
    "UnsupportedYAML",
]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
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
    """A scalar as written. ``style`` is None for plain, else the quote or block indicator."""

    value: str
    style: str | None
    raw: str
    start: int
    end: int
    line: int
    col: int
    end_line: int
    #: For block scalars: the column the indentation indicator counts from.
    parent_col: int = 0

    @property
    def is_null(self) -> bool:
        return self.style is None and self.value in _NULLS

    @property
    def is_block(self) -> bool:
        return self.style in ("|", ">")

    @property
    def multiline(self) -> bool:
        return self.end_line > self.line and not self.is_block


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
    #: Comments after the last entry that close this block.
    footer: list[Comment] = field(default_factory=list)
    #: The entry whose value this is (None for the top level).
    owner: Entry | None = None


Node = Scalar | Collection


@dataclass(slots=True, eq=False)
class Entry:
    """A key and its value, or a list item. Spans are character offsets in the text."""

    key: Scalar | None
    value: Node
    parent: Collection
    start: int
    line: int
    col: int
    end: int = 0
    leading: list[Comment] = field(default_factory=list)
    trailing: list[Comment] = field(default_factory=list)
    #: Comments under an entry whose value is on its own line (``events:`` then ``# ...``).
    under: list[Comment] = field(default_factory=list)
    #: True when a blank line separates the leading comments from the entry.
    blank_after_leading: bool = False


@dataclass(slots=True, eq=False)
class Document:
    """The whole file: the top-level node and the comments that belong to the file."""

    text: str
    lines: list[str]
    root: Node | None
    explicit_start: bool
    #: Comments before ``---``.
    header: list[Comment]
    #: Comments above the first key (after ``---`` if there is one).
    intro: list[Comment]
    blank_after_intro: bool
    footer: list[Comment]
    comments: list[Comment]


# -- the tree --------------------------------------------------------------------------------


_STOP_VALUE = (
    tk.KeyToken,
    tk.ValueToken,
    tk.BlockEndToken,
    tk.FlowEntryToken,
    tk.FlowMappingEndToken,
    tk.FlowSequenceEndToken,
    tk.StreamEndToken,
    tk.DocumentEndToken,
    tk.DocumentStartToken,
)


class TreeParser:
    """Tokens -> tree; remembers, for each token, the entry being read when it came."""

    def __init__(self, text: str, tokens: list[tk.Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.i = 0
        self.last_end = 0
        #: For each token index, the innermost entry being read when it was consumed.
        self.token_entry: list[Entry | None] = [None] * len(tokens)
        #: The flow collection each closing bracket token closes.
        self.closer: dict[int, Collection] = {}
        self.stack: list[Entry] = []
        #: The outermost entry starting at each offset.
        self.entry_at: dict[int, Entry] = {}
        self.collections: list[Collection] = []

    def peek(self) -> tk.Token:
        return self.tokens[self.i]

    def take(self) -> tk.Token:
        tok = self.tokens[self.i]
        self.token_entry[self.i] = self.stack[-1] if self.stack else None
        self.i += 1
        # Zero-width tokens (block ends) sit at the next token: they must not stretch spans.
        end = tok.end_mark.index
        if end > self.last_end and end > tok.start_mark.index:
            self.last_end = end
        return tok

    def fail(self, message: str, tok: tk.Token | None = None) -> UnsupportedYAML:
        mark = (tok or self.peek()).start_mark
        return UnsupportedYAML(message, mark.line + 1, mark.column + 1)

    def document(self) -> Document:
        self.take()  # stream start
        explicit = False
        if isinstance(self.peek(), tk.DirectiveToken):
            raise self.fail("YAML directives (%YAML, %TAG) are not supported by fmt")
        if isinstance(self.peek(), tk.DocumentStartToken):
            self.take()
            explicit = True
        root: Node | None = None
        if not isinstance(self.peek(), tk.StreamEndToken | tk.DocumentEndToken):
            root = self.node(0)
        if isinstance(self.peek(), tk.DocumentEndToken):
            self.take()
        if not isinstance(self.peek(), tk.StreamEndToken):
            raise self.fail("more than one YAML document")
        lines = self.text.split("\n")
        return Document(self.text, lines, root, explicit, [], [], False, [], [])

    def node(self, depth: int, parent_col: int = 0) -> Node:
        tok = self.peek()
        if isinstance(tok, tk.ScalarToken):
            return self.scalar(parent_col)
        if isinstance(tok, tk.BlockMappingStartToken | tk.BlockSequenceStartToken):
            return self.block(depth)
        if isinstance(tok, tk.BlockEntryToken):
            return self.indentless(depth)
        if isinstance(tok, tk.FlowSequenceStartToken | tk.FlowMappingStartToken):
            return self.flow(depth)
        if isinstance(tok, tk.AnchorToken | tk.AliasToken | tk.TagToken):
            raise self.fail("anchors, aliases and tags are not supported")
        return self.null()

    def value(self, depth: int, parent_col: int) -> Node:
        if isinstance(self.peek(), _STOP_VALUE):
            return self.null()
        return self.node(depth, parent_col)

    def null(self) -> Scalar:
        at = self.last_end
        line = self.text.count("\n", 0, at)
        col = at - (self.text.rfind("\n", 0, at) + 1)
        return Scalar("", None, "", at, at, line, col, line)

    def scalar(self, parent_col: int) -> Scalar:
        tok = self.take()
        assert isinstance(tok, tk.ScalarToken)
        s, e = tok.start_mark, tok.end_mark
        style = tok.style or None
        return Scalar(
            tok.value,
            style,
            self.text[s.index : e.index],
            s.index,
            e.index,
            s.line,
            s.column,
            e.line,
            parent_col,
        )

    def collection(self, kind: str, flow: bool, tok: tk.Token, depth: int) -> Collection:
        mark = tok.start_mark
        coll = Collection(kind, flow, mark.index, mark.line, mark.column, depth + 1)
        coll.owner = self.stack[-1] if self.stack else None
        self.collections.append(coll)
        return coll

    def open_entry(self, coll: Collection, tok: tk.Token, key: Scalar | None = None) -> Entry:
        mark = tok.start_mark
        placeholder = Scalar("", None, "", 0, 0, 0, 0, 0)
        entry = Entry(key, placeholder, coll, mark.index, mark.line, mark.column)
        self.entry_at.setdefault(mark.index, entry)
        self.stack.append(entry)
        coll.entries.append(entry)
        return entry

    def close_entry(self, entry: Entry) -> None:
        entry.end = self.last_end
        self.stack.pop()

    def block(self, depth: int) -> Collection:
        start = self.take()
        is_map = isinstance(start, tk.BlockMappingStartToken)
        first = self.peek()
        coll = self.collection("map" if is_map else "seq", False, first, depth)
        while not isinstance(self.peek(), tk.BlockEndToken):
            tok = self.peek()
            if is_map:
                self.map_entry(coll, depth)
            elif isinstance(tok, tk.BlockEntryToken):
                entry = self.open_entry(coll, tok)
                self.take()
                entry.value = self.value(coll.depth, tok.start_mark.column)
                self.close_entry(entry)
            else:
                raise self.fail("unexpected token in a list")
        self.take()
        coll.end = coll.entries[-1].end if coll.entries else self.last_end
        return coll

    def indentless(self, depth: int) -> Collection:
        coll = self.collection("seq", False, self.peek(), depth)
        while isinstance(self.peek(), tk.BlockEntryToken):
            tok = self.peek()
            entry = self.open_entry(coll, tok)
            self.take()
            entry.value = self.value(coll.depth, tok.start_mark.column)
            self.close_entry(entry)
        coll.end = coll.entries[-1].end
        return coll

    def map_entry(self, coll: Collection, depth: int) -> None:
        tok = self.peek()
        if not isinstance(tok, tk.KeyToken):
            raise self.fail("a key with no text is not supported")
        key_tok = self.tokens[self.i + 1]
        if not isinstance(key_tok, tk.ScalarToken):
            raise self.fail("only text keys are supported", key_tok)
        entry = self.open_entry(coll, key_tok)
        self.take()
        entry.key = self.scalar(0)
        if isinstance(self.peek(), tk.ValueToken):
            self.take()
            entry.value = self.value(coll.depth, key_tok.start_mark.column)
        else:
            entry.value = self.null()
        self.close_entry(entry)

    def flow(self, depth: int) -> Collection:
        start = self.take()
        is_map = isinstance(start, tk.FlowMappingStartToken)
        coll = self.collection("map" if is_map else "seq", True, start, depth)
        closer = tk.FlowMappingEndToken if is_map else tk.FlowSequenceEndToken
        while not isinstance(self.peek(), closer):
            tok = self.peek()
            if is_map:
                self.map_entry(coll, depth)
                entry = coll.entries[-1]
                self.stack.append(entry)
            else:
                if isinstance(tok, tk.KeyToken):
                    raise self.fail("key: value pairs inside [...] are not supported")
                entry = self.open_entry(coll, tok)
                entry.value = self.node(coll.depth)
            if isinstance(self.peek(), tk.FlowEntryToken):
                self.take()
            self.close_entry(entry)
        self.closer[self.i] = coll
        self.take()
        coll.end = self.last_end
        return coll
