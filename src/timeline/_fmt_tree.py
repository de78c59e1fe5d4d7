"""YAML text -> the tree the formatter works on: entries with their spans and their comments.

The tree is built from libyaml's token stream (the C scanner), which gives the exact extent
of every key, ``-``, value and bracket. Everything between two tokens is white space or a
comment, so every comment is found, and each one is given an owner by where it sits:

- a comment after something on its line belongs to the entry that thing is part of
  (``title: X  # c`` belongs to ``title``; ``- # c`` to that list item);
- a comment on its own line belongs to the entry that starts at the next token
  (``# c`` above ``- date: ...`` belongs to that event), unless it is indented deeper than
  that token: then it belongs under the entry on the line above when that entry's value fits
  on its line (``events:`` then ``  # - date: ...``), or else it closes the innermost block
  that ended before it and is indented no deeper than the comment (a ``# note`` under an
  event's last key belongs to that event);
- comments above the first key of the file, and any after the last line, belong to the file.

The same rules read the formatter's output back, which is how the safety proof checks that
every comment is still with its entry.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

import yaml
from yaml import tokens as tk

__all__ = [
    "Collection",
    "Comment",
    "Document",
    "Entry",
    "Node",
    "Scalar",
    "UnsupportedYAML",
    "read",
]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BLOCK_HEADER = re.compile(r"([|>])([0-9]?)([+-]?)([0-9]?)[ \t]*(#.*)?")


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

    @property
    def position(self) -> int:
        """This entry's place among its parent's entries."""
        return self.parent.entries.index(self)


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


def read(text: str) -> Document:
    """Read ``text`` (line breaks already ``\\n``) into a tree with every comment placed."""
    try:
        tokens = _tokens(text)
    except yaml.MarkedYAMLError as exc:  # the file was validated first; this is a safeguard
        mark = exc.problem_mark
        line, col = (mark.line, mark.column) if mark else (0, 0)
        raise UnsupportedYAML(f"YAML syntax error: {exc.problem}", line + 1, col + 1) from None
    parser = _Parser(text, tokens)
    doc = parser.document()
    _Placer(doc, tokens, parser).place()
    return doc


def _tokens(text: str) -> list[tk.Token]:
    # The C scanner's get_token directly: yaml.scan's generator layer costs a third more.
    scanner = yaml.CSafeLoader(text)
    try:
        get = scanner.get_token
        found = []
        while (token := get()) is not None:
            found.append(token)
        return found
    finally:
        scanner.dispose()


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


class _Parser:
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


# -- the comments ----------------------------------------------------------------------------


class _Placer:
    """Find every comment and give it its owner (see the module docstring)."""

    def __init__(self, doc: Document, tokens: list[tk.Token], parser: _Parser) -> None:
        self.doc = doc
        self.text = doc.text
        self.tokens = tokens
        self.p = parser
        self.line_starts = [0, *itertools.accumulate(len(line) + 1 for line in doc.lines[:-1])]
        self.starts = [t.start_mark.index for t in tokens]

    def place(self) -> None:
        comments = self.find()
        self.doc.comments = comments
        root = self.doc.root
        first_entry = root.entries[0] if isinstance(root, Collection) and root.entries else None
        for c in comments:
            self.assign(c, first_entry)
        doc = self.doc
        if doc.intro:
            end = first_entry.line if first_entry is not None else len(doc.lines)
            doc.blank_after_intro = self.blank_between(doc.intro[-1].line, end)
        for entry in self.p.entry_at.values():
            if entry.leading:
                entry.blank_after_leading = self.blank_between(entry.leading[-1].line, entry.line)

    def blank_between(self, after: int, before: int) -> bool:
        return any(not self.doc.lines[j].strip() for j in range(after + 1, before))

    # Finding.

    def find(self) -> list[Comment]:
        found: list[Comment] = []
        prev_end = 0
        for tok in self.tokens:
            start = tok.start_mark.index
            if start > prev_end:
                self.scan_gap(prev_end, start, found)
            if isinstance(tok, tk.ScalarToken) and tok.style in ("|", ">"):
                self.block_header(tok, found)
            prev_end = max(prev_end, tok.end_mark.index)
        return found

    def scan_gap(self, start: int, end: int, found: list[Comment]) -> None:
        text = self.text
        at = text.find("#", start, end)
        while at != -1:
            stop = text.find("\n", at, end)
            stop = end if stop == -1 else stop
            found.append(self.comment(at, text[at:stop].rstrip()))
            at = text.find("#", stop, end)

    def block_header(self, tok: tk.ScalarToken, found: list[Comment]) -> None:
        start = tok.start_mark.index
        stop = self.text.find("\n", start)
        header = self.text[start : stop if stop != -1 else len(self.text)]
        m = _BLOCK_HEADER.fullmatch(header.rstrip())
        if m and m[5]:
            found.append(self.comment(start + m.start(5), m[5].rstrip()))

    def comment(self, at: int, text: str) -> Comment:
        line = bisect.bisect_right(self.line_starts, at) - 1
        line_start = self.line_starts[line]
        own = not self.text[line_start:at].strip()
        blank = line > 0 and not self.doc.lines[line - 1].strip()
        return Comment(text, at, line, at - line_start, own, blank)

    # Owning.

    def token_before(self, at: int) -> int:
        """Index of the last token with some extent that ends at or before ``at``."""
        i = bisect.bisect_right(self.starts, at) - 1
        while i > 0:
            tok = self.tokens[i]
            if tok.end_mark.index > tok.start_mark.index and tok.end_mark.index <= at:
                return i
            if tok.start_mark.index < at < tok.end_mark.index:
                return i  # a comment inside a block scalar's header
            i -= 1
        return 0

    def token_after(self, at: int) -> int:
        i = bisect.bisect_left(self.starts, at)
        while i < len(self.tokens) - 1:
            tok = self.tokens[i]
            if tok.end_mark.index > tok.start_mark.index:
                return i
            i += 1
        return len(self.tokens) - 1

    def assign(self, c: Comment, first_entry: Entry | None) -> None:
        doc = self.doc
        if not c.own_line:
            owner = self.p.token_entry[self.token_before(c.index)]
            if owner is None:
                (doc.header if self.before_root(c) else doc.footer).append(c)
            else:
                owner.trailing.append(c)
            return
        n = self.token_after(c.index)
        nxt = self.tokens[n]
        if isinstance(nxt, tk.DocumentStartToken):
            doc.header.append(c)
            return
        at_end = isinstance(nxt, tk.StreamEndToken | tk.DocumentEndToken)
        if at_end or c.col > nxt.start_mark.column:
            above = self.entry_above(c)
            if above is not None:
                above.under.append(c)
                return
            closed = self.closed_block(c)
            if closed is not None:
                closed.footer.append(c)
                return
        if at_end:
            doc.footer.append(c)
            return
        entry = self.p.entry_at.get(nxt.start_mark.index)
        if entry is not None and entry is first_entry:
            doc.intro.append(c)
        elif entry is not None:
            entry.leading.append(c)
        elif n in self.p.closer:
            self.p.closer[n].footer.append(c)
        else:
            owner = self.p.token_entry[n]
            if owner is None:
                doc.footer.append(c)
            else:
                owner.leading.append(c)

    def before_root(self, c: Comment) -> bool:
        root = self.doc.root
        return root is None or c.index < root.start

    def entry_above(self, c: Comment) -> Entry | None:
        """The entry of a block the comment is indented under, when its value is on one line
        (``events:`` or ``tags: [a]`` followed by a deeper ``# ...``)."""
        entry = self.p.token_entry[self.token_before(c.index)]
        if entry is None or entry.parent.flow or entry.end > c.index or c.col <= entry.col:
            return None
        value = entry.value
        if isinstance(value, Collection):
            return entry if value.flow else None
        return None if value.is_block or value.multiline else entry

    def closed_block(self, c: Comment) -> Collection | None:
        """The innermost block that ended before ``c`` and is indented no deeper than it."""
        entry = self.p.token_entry[self.token_before(c.index)]
        while entry is not None:
            coll = entry.parent
            if coll.owner is None:
                return None  # the top level closes with the file: its comments are the file's
            if not coll.flow and coll.end <= c.index and coll.col <= c.col:
                return coll
            entry = coll.owner
        return None
