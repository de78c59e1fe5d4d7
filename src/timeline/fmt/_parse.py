"""libyaml's tokens -> the formatter's tree, noting every comment on the way.

:class:`TreeParser` reads the token stream of the C scanner, which gives the exact extent of
every key, ``-``, value and bracket. Tokens are read as the tree needs them and none is kept
(a large file has millions). Everything between two tokens is white space or a comment, so
the parser finds every comment on the way and notes, for each, the tokens around it;
:mod:`timeline.fmt._read` then gives each comment its owner.
"""

from __future__ import annotations

from sys import intern

import yaml
from yaml import tokens as tk

from timeline.fmt._tree import (
    BLOCK_HEADER,
    Collection,
    Comment,
    Document,
    Entry,
    Node,
    Scalar,
    UnsupportedYAML,
)

__all__ = ["Found", "Open", "TreeParser"]

_SCALAR = tk.ScalarToken
_KEY = tk.KeyToken
_VALUE = tk.ValueToken
_BLOCK_END = tk.BlockEndToken
_BLOCK_ENTRY = tk.BlockEntryToken
_FLOW_ENTRY = tk.FlowEntryToken
_STREAM_END = tk.StreamEndToken
_BLOCK_STARTS = frozenset({tk.BlockMappingStartToken, tk.BlockSequenceStartToken})
_FLOW_STARTS = frozenset({tk.FlowSequenceStartToken, tk.FlowMappingStartToken})
_REFUSED = frozenset({tk.AnchorToken, tk.AliasToken, tk.TagToken})
#: Tokens after which a value is empty (null).
_STOP_VALUE = frozenset(
    {
        tk.KeyToken,
        tk.ValueToken,
        tk.BlockEndToken,
        tk.FlowEntryToken,
        tk.FlowMappingEndToken,
        tk.FlowSequenceEndToken,
        tk.StreamEndToken,
        tk.DocumentEndToken,
        tk.DocumentStartToken,
    }
)
_BLOCK_STYLES = ("|", ">")


class Found:
    """A comment as found, with the tokens around it (by their number in the stream).

    ``before`` is the last token with some extent that ends before the comment (or the block
    scalar whose header holds it); ``after`` the first token with some extent that starts
    after it (or the end of the stream), with its class, offset and column.
    """

    __slots__ = ("after", "after_class", "after_col", "after_start", "before", "comment")

    def __init__(self, comment: Comment, before: int) -> None:
        self.comment = comment
        self.before = before
        self.after = -1
        self.after_class: type[tk.Token] = tk.StreamEndToken
        self.after_start = 0
        self.after_col = 0


class Open:
    """An entry being read, in the collection it belongs to, inside the ones around it.

    The tree holds no links back from an entry to its collection (nor from a collection to
    its entry), so it has no reference cycles and is freed as soon as it is dropped, even
    with the cycle collector paused; the parser keeps these links for the entries it reads.
    """

    __slots__ = ("coll", "entry", "outer")

    def __init__(self, entry: Entry, coll: Collection, outer: Open | None) -> None:
        self.entry = entry
        self.coll = coll
        self.outer = outer


class TreeParser:
    """Tokens -> tree; notes every comment with the entries around it.

    For the tokens next to a comment, it remembers the entries being read when the token
    came (:attr:`token_entry`), the flow collection a closing bracket closes (:attr:`closer`)
    and the outermost entry starting at the token (:attr:`entry_at`).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._scanner = yaml.CSafeLoader(text)
        self._get = self._scanner.get_token
        self._fetched = 0
        self._taken = 0
        self.last_end = 0
        #: The entries being read, innermost first.
        self.top: Open | None = None
        #: Every comment, in text order.
        self.found: list[Found] = []
        #: For the wanted tokens (by number): the entries being read when it came.
        self.token_entry: dict[int, Open | None] = {}
        #: The flow collection each wanted closing bracket token closes.
        self.closer: dict[int, Collection] = {}
        #: The outermost entry starting at each wanted offset.
        self.entry_at: dict[int, Entry] = {}
        self._wanted: set[int] = set()
        self._wanted_at: set[int] = set()
        # Comment finding: the end of the tokens so far, the next "#" at or after it, the last
        # token with extent, and comments still waiting for the token after them.
        self._prev_end = 0
        self._hash = self._next_hash(0)
        self._last_extent = 0
        #: The entries being read when the last token with extent was taken.
        self._extent_top: Open | None = None
        self._pending: list[Found] = []
        # Line numbers, counted forward from the last one asked for (offsets only grow).
        self._comment_line = (0, 0)
        #: Each plain key's scalar, shared by every entry with that key (a large file
        #: repeats a few keys millions of times).
        self._keys: dict[str, Scalar] = {}
        #: The next token to take (read ahead as soon as the one before is taken), and the
        #: one after it when a key needed a look at it.
        self.cur: tk.Token = self._fetch()
        self._second: tk.Token | None = None

    def close(self) -> None:
        """Release the scanner."""
        self._scanner.dispose()

    # Tokens.

    def _next_hash(self, at: int) -> int:
        found = self.text.find("#", at)
        return len(self.text) + 1 if found == -1 else found

    def _fetch(self) -> tk.Token:
        tok = self._get()
        if tok is None:  # pragma: no cover - the parser stops at the stream end
            raise UnsupportedYAML("unexpected end of the file", 1, 1)
        i = self._fetched
        self._fetched = i + 1
        start = tok.start_mark.index
        end = tok.end_mark.index
        # Only a "#" can start a comment: most tokens pass with one comparison.
        if self._hash >= end and not self._pending:
            if end > start:
                self._last_extent = i
                if end > self._prev_end:
                    self._prev_end = end
            elif end > self._prev_end:
                self._prev_end = end
            return tok
        if self._hash < start:
            self._scan_gap(self._prev_end, start)
        if end > start or tok.__class__ is _STREAM_END:
            if self._pending:
                self._resolve(tok, i)
            if self._hash < end and tok.__class__ is _SCALAR and tok.style in _BLOCK_STYLES:
                self._block_header(tok, i)
            self._last_extent = i
        if end > self._prev_end:
            self._prev_end = end
        if self._hash < self._prev_end:
            self._hash = self._next_hash(self._prev_end)
        return tok

    def peek(self) -> tk.Token:
        return self.cur

    def peek_second(self) -> tk.Token:
        if self._second is None:
            self._second = self._fetch()
        return self._second

    def take(self) -> tk.Token:
        tok = self.cur
        i = self._taken
        self._taken = i + 1
        if self._wanted and i in self._wanted:
            self.token_entry[i] = self.top
        # Zero-width tokens (block ends) sit at the next token: they must not stretch spans.
        end = tok.end_mark.index
        if end > tok.start_mark.index:
            self._extent_top = self.top
            if end > self.last_end:
                self.last_end = end
        if tok.__class__ is not _STREAM_END:
            if self._second is None:
                self.cur = self._fetch()
            else:
                self.cur, self._second = self._second, None
        return tok

    # Comments.

    def _scan_gap(self, start: int, end: int) -> None:
        text = self.text
        at = text.find("#", start, end)
        while at != -1:
            stop = text.find("\n", at, end)
            stop = end if stop == -1 else stop
            self._comment(at, text[at:stop].rstrip(), self._last_extent)
            at = text.find("#", stop, end)

    def _block_header(self, tok: tk.ScalarToken, i: int) -> None:
        text = self.text
        start = tok.start_mark.index
        stop = text.find("\n", start)
        header = text[start : stop if stop != -1 else len(text)]
        m = BLOCK_HEADER.fullmatch(header.rstrip())
        if m and m[5]:
            self._comment(start + m.start(5), m[5].rstrip(), i)

    def _comment(self, at: int, text: str, before: int) -> None:
        whole = self.text
        self._comment_line = _count_lines(whole, self._comment_line, at)
        line_start = whole.rfind("\n", 0, at) + 1
        own = not whole[line_start:at].strip()
        blank = False
        if line_start:
            above = whole.rfind("\n", 0, line_start - 1) + 1
            blank = not whole[above : line_start - 1].strip()
        comment = Comment(text, at, self._comment_line[1], at - line_start, own, blank)
        found = Found(comment, before)
        if before < self._taken:
            # Taken already: it is the last token with extent taken (none since has extent).
            self.token_entry[before] = self._extent_top
        else:
            self._wanted.add(before)
        self.found.append(found)
        self._pending.append(found)

    def _resolve(self, tok: tk.Token, i: int) -> None:
        """Give the comments waiting for a token this one, the first with extent after them."""
        start = tok.start_mark.index
        for found in self._pending:
            found.after = i
            found.after_class = tok.__class__
            found.after_start = start
            found.after_col = tok.start_mark.column
        self._pending = []
        self._wanted.add(i)
        self._wanted_at.add(start)

    def fail(self, message: str, tok: tk.Token | None = None) -> UnsupportedYAML:
        mark = (tok or self.peek()).start_mark
        return UnsupportedYAML(message, mark.line + 1, mark.column + 1)

    # The tree.

    def document(self) -> Document:
        self.take()  # stream start
        explicit = False
        if isinstance(self.peek(), tk.DirectiveToken):
            raise self.fail("YAML directives (%YAML, %TAG) are not supported by fmt")
        if isinstance(self.peek(), tk.DocumentStartToken):
            self.take()
            explicit = True
        root: Node | None = None
        root_start = self.cur.start_mark.index
        if not isinstance(self.peek(), tk.StreamEndToken | tk.DocumentEndToken):
            root = self.node(0)
        if isinstance(self.peek(), tk.DocumentEndToken):
            self.take()
        if not isinstance(self.peek(), tk.StreamEndToken):
            raise self.fail("more than one YAML document")
        return Document(self.text, root, explicit, [], [], False, [], root_start)

    def node(self, depth: int, parent_col: int = 0) -> Node:
        # Classes compared by identity: this runs once per value of the file.
        cls = self.cur.__class__
        if cls is _SCALAR:
            return self.scalar(parent_col)
        if cls in _BLOCK_STARTS:
            return self.block(depth)
        if cls is _BLOCK_ENTRY:
            return self.indentless(depth)
        if cls in _FLOW_STARTS:
            return self.flow(depth)
        if cls in _REFUSED:
            raise self.fail("anchors, aliases and tags are not supported")
        return self.null()

    def value(self, depth: int, parent_col: int) -> Node:
        if self.cur.__class__ in _STOP_VALUE:
            return self.null()
        return self.node(depth, parent_col)

    def null(self) -> Scalar:
        return _NULL

    def scalar(self, parent_col: int) -> Scalar:
        tok = self.take()
        assert isinstance(tok, tk.ScalarToken)
        value = tok.value
        s, e = tok.start_mark, tok.end_mark
        raw = self.text[s.index : e.index]
        style = tok.style or None
        if raw == value and style is None:  # plain, on one line: one string, not two
            return Scalar(value, None, value, e.line > s.line)  # the column: block scalars
        return Scalar(value, style, raw, e.line > s.line, parent_col)

    def collection(self, kind: str, flow: bool, tok: tk.Token, depth: int) -> Collection:
        mark = tok.start_mark
        return Collection(kind, flow, mark.index, mark.line, mark.column, depth + 1)

    def open_entry(self, coll: Collection, tok: tk.Token, key: Scalar | None = None) -> Entry:
        mark = tok.start_mark
        entry = Entry(key, _PLACEHOLDER, mark.index, mark.column)
        if mark.index in self._wanted_at:
            self.entry_at.setdefault(mark.index, entry)
        self.top = Open(entry, coll, self.top)
        coll.entries.append(entry)
        return entry

    def close_entry(self, entry: Entry) -> None:
        entry.end = self.last_end
        assert self.top is not None
        self.top = self.top.outer

    def block(self, depth: int) -> Collection:
        start = self.take()
        is_map = start.__class__ is tk.BlockMappingStartToken
        coll = self.collection("map" if is_map else "seq", False, self.cur, depth)
        while self.cur.__class__ is not _BLOCK_END:
            tok = self.cur
            if is_map:
                self.map_entry(coll, depth)
            elif tok.__class__ is _BLOCK_ENTRY:
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
        coll = self.collection("seq", False, self.cur, depth)
        while self.cur.__class__ is _BLOCK_ENTRY:
            tok = self.cur
            entry = self.open_entry(coll, tok)
            self.take()
            entry.value = self.value(coll.depth, tok.start_mark.column)
            self.close_entry(entry)
        coll.end = coll.entries[-1].end
        return coll

    def map_entry(self, coll: Collection, depth: int) -> None:
        if self.cur.__class__ is not _KEY:
            raise self.fail("a key with no text is not supported")
        key_tok = self.peek_second()
        if key_tok.__class__ is not _SCALAR:
            raise self.fail("only text keys are supported", key_tok)
        entry = self.open_entry(coll, key_tok)
        self.take()
        self.take()
        assert isinstance(key_tok, tk.ScalarToken)
        value = key_tok.value
        s, e = key_tok.start_mark, key_tok.end_mark
        raw = self.text[s.index : e.index]
        style = key_tok.style or None
        if raw == value and style is None and e.line == s.line:
            key = self._keys.get(value)
            if key is None:
                value = intern(value)
                key = self._keys[value] = Scalar(value, None, value, False)
            entry.key = key
        else:
            entry.key = Scalar(value, style, raw, e.line > s.line)
        if self.peek().__class__ is _VALUE:  # peek(): mypy would keep the KeyToken above
            self.take()
            entry.value = self.value(coll.depth, key_tok.start_mark.column)
        else:
            entry.value = self.null()
        self.close_entry(entry)

    def flow(self, depth: int) -> Collection:
        start = self.take()
        is_map = start.__class__ is tk.FlowMappingStartToken
        coll = self.collection("map" if is_map else "seq", True, start, depth)
        closer = tk.FlowMappingEndToken if is_map else tk.FlowSequenceEndToken
        while self.cur.__class__ is not closer:
            tok = self.cur
            if is_map:
                self.map_entry(coll, depth)
                entry = coll.entries[-1]
                # Open again, so the comma after it is its own.
                self.top = Open(entry, coll, self.top)
            else:
                if tok.__class__ is _KEY:
                    raise self.fail("key: value pairs inside [...] are not supported")
                entry = self.open_entry(coll, tok)
                entry.value = self.node(coll.depth)
            if self.cur.__class__ is _FLOW_ENTRY:
                self.take()
            self.close_entry(entry)
        if self._taken in self._wanted:
            self.closer[self._taken] = coll
        self.take()
        coll.end = self.last_end
        return coll


#: The value of an entry while it is being read.
_PLACEHOLDER = Scalar("", None, "", False)
#: Every empty value (nothing changes a scalar once read).
_NULL = Scalar("", None, "", False)


def _count_lines(text: str, known: tuple[int, int], at: int) -> tuple[int, int]:
    """``(at, the 0-based line of offset at)``, counting on from a known ``(offset, line)``
    at or before ``at``."""
    offset, line = known
    return at, line + text.count("\n", offset, at)
