"""YAML text -> the formatter's tree, with every comment given to the entry it belongs to.

The tree is built from libyaml's token stream (the C scanner), which gives the exact extent
of every key, ``-``, value and bracket. Everything between two tokens is white space or a
comment, so every comment is found (:mod:`timeline.fmt._parse` notes each one with the tokens
around it as it reads), and each one is given an owner by where it sits:

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

import yaml
from yaml import tokens as tk

from timeline.fmt._events import read_events
from timeline.fmt._parse import Found, Open, TreeParser
from timeline.fmt._tree import Collection, Comment, Document, Entry, Scalar, UnsupportedYAML

__all__ = ["read", "read_tokens"]


def read(text: str) -> Document:
    """Read ``text`` (line breaks already ``\\n``) into a tree with every comment placed:
    from libyaml's events when no comment follows the first key
    (:mod:`timeline.fmt._events`), else from its tokens."""
    doc = read_events(text)
    return doc if doc is not None else read_tokens(text)


def read_tokens(text: str) -> Document:
    """:func:`read`, always from libyaml's tokens."""
    parser = TreeParser(text)
    try:
        doc = parser.document()
    except yaml.MarkedYAMLError as exc:  # the file was validated first; this is a safeguard
        mark = exc.problem_mark
        line, col = (mark.line, mark.column) if mark else (0, 0)
        raise UnsupportedYAML(f"YAML syntax error: {exc.problem}", line + 1, col + 1) from None
    finally:
        parser.close()
    _Placer(doc, parser).place()
    return doc


# -- the comments ----------------------------------------------------------------------------


class _Placer:
    """Give every comment the parser found its owner (see the module docstring)."""

    def __init__(self, doc: Document, parser: TreeParser) -> None:
        self.doc = doc
        self.text = doc.text
        self.p = parser
        #: Entries given comments above them, in the order they got their first.
        self.led: list[Entry] = []

    def place(self) -> None:
        root = self.doc.root
        first_entry = root.entries[0] if isinstance(root, Collection) and root.entries else None
        for found in self.p.found:
            self.assign(found, first_entry)
        doc = self.doc
        if doc.intro:
            end = first_entry.start if first_entry is not None else None
            doc.blank_after_intro = self.blank_between(doc.intro[-1], end)
        for entry in self.led:
            entry.blank_after_leading = self.blank_between(entry.leading[-1], entry.start)

    def blank_between(self, c: Comment, at: int | None) -> bool:
        """True when a blank line lies between comment ``c`` and the line holding offset
        ``at`` (the end of the file when None)."""
        text = self.text
        after = text.find("\n", c.index) + 1
        if not after:
            return False
        if at is None:
            lines = text[after:].split("\n")
        else:
            before = text.rfind("\n", 0, at) + 1
            if before <= after:
                return False
            lines = text[after : before - 1].split("\n")
        return any(not line.strip() for line in lines)

    # Owning.

    def entry_of(self, token: int) -> Entry | None:
        """The innermost entry being read when ``token`` came."""
        top = self.open_at(token)
        return None if top is None else top.entry

    def open_at(self, token: int) -> Open | None:
        return self.p.token_entry.get(token)

    def assign(self, found: Found, first_entry: Entry | None) -> None:
        c = found.comment
        doc = self.doc
        if not c.own_line:
            owner = self.entry_of(found.before)
            if owner is None:
                (doc.header if self.before_root(c) else doc.footer).append(c)
            else:
                owner.trailing += (c,)
            return
        after_class = found.after_class
        if after_class is tk.DocumentStartToken:
            doc.header.append(c)
            return
        at_end = after_class is tk.StreamEndToken or after_class is tk.DocumentEndToken
        if at_end or c.col > found.after_col:
            above = self.entry_above(c, found)
            if above is not None:
                above.under += (c,)
                return
            closed = self.closed_block(c, found)
            if closed is not None:
                closed.footer += (c,)
                return
        if at_end:
            doc.footer.append(c)
            return
        entry = self.p.entry_at.get(found.after_start)
        if entry is not None and entry is first_entry:
            doc.intro.append(c)
        elif entry is not None:
            self.lead(entry, c)
        elif found.after in self.p.closer:
            coll = self.p.closer[found.after]
            coll.footer += (c,)
        else:
            owner = self.entry_of(found.after)
            if owner is None:
                doc.footer.append(c)
            else:
                self.lead(owner, c)

    def lead(self, entry: Entry, c: Comment) -> None:
        if not entry.leading:
            self.led.append(entry)
        entry.leading += (c,)

    def before_root(self, c: Comment) -> bool:
        return self.doc.root is None or c.index < self.doc.root_start

    def entry_above(self, c: Comment, found: Found) -> Entry | None:
        """The entry of a block the comment is indented under, when its value is on one line
        (``events:`` or ``tags: [a]`` followed by a deeper ``# ...``)."""
        top = self.open_at(found.before)
        if top is None:
            return None
        entry = top.entry
        if top.coll.flow or entry.end > c.index or c.col <= entry.col:
            return None
        value = entry.value
        if isinstance(value, Collection):
            return entry if value.flow else None
        assert isinstance(value, Scalar)  # the token reader writes no event as read
        return None if value.is_block or value.multiline else entry

    def closed_block(self, c: Comment, found: Found) -> Collection | None:
        """The innermost block that ended before ``c`` and is indented no deeper than it."""
        top = self.open_at(found.before)
        while top is not None:
            coll = top.coll
            if top.outer is None:
                return None  # the top level closes with the file: its comments are the file's
            if not coll.flow and coll.end <= c.index and coll.col <= c.col:
                return coll
            top = top.outer
        return None
