"""YAML text -> the formatter's tree, with every comment given to the entry it belongs to.

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

import yaml
from yaml import tokens as tk

from ._fmt_tree import (
    BLOCK_HEADER,
    Collection,
    Comment,
    Document,
    Entry,
    TreeParser,
    UnsupportedYAML,
)

__all__ = ["read"]


def read(text: str) -> Document:
    """Read ``text`` (line breaks already ``\\n``) into a tree with every comment placed."""
    try:
        tokens = _tokens(text)
    except yaml.MarkedYAMLError as exc:  # the file was validated first; this is a safeguard
        mark = exc.problem_mark
        line, col = (mark.line, mark.column) if mark else (0, 0)
        raise UnsupportedYAML(f"YAML syntax error: {exc.problem}", line + 1, col + 1) from None
    parser = TreeParser(text, tokens)
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


# -- the comments ----------------------------------------------------------------------------


class _Placer:
    """Find every comment and give it its owner (see the module docstring)."""

    def __init__(self, doc: Document, tokens: list[tk.Token], parser: TreeParser) -> None:
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
        m = BLOCK_HEADER.fullmatch(header.rstrip())
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
