"""The layout tree of a text with no comment after its first key, from libyaml's events.

Comments are what make the formatter read libyaml's tokens (:mod:`timeline.fmt._parse`):
a token tells where each ``-``, ``:`` and bracket is, and so which entry a comment beside
or between them belongs to. A text whose only comments come before its first key (most
chronologies: none at all, or a few lines at the top) needs none of that: its tree is read
from libyaml's events, which the C parser makes about twice as fast as the tokens, with
fewer of them. The comments above the first key belong to the file whatever their
indentation (as :mod:`timeline.fmt._read` places them: before ``---``, or on its line,
``header``; after it, ``intro``).

The tree is the one the token reader makes, but for what only a comment's placing reads
(and there is none to place): the ends of entries and collections are not set; and each
event (a mapping in the top level's events list) is written in the canonical form as soon
as it is read, as :mod:`timeline.fmt._emit` would write it
(:class:`~timeline.fmt._tree.Written`): the tree of a large file holds its events' texts,
not their entries. Anything else (a comment further down, an anchor, alias or tag, a
directive, a key that is not text, a ``key: value`` inside ``[...]``, a second document, a
top level that is not a block mapping starting with a key) is left to the token reader,
which reads or refuses it. ``tests/test_fmt.py`` checks that both readers give the same
tree (the token reader's events written by the emitter), and the same text in any order
of the events.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator
from sys import intern
from typing import Any

import yaml
from yaml import events as ev

from timeline.fmt._emit import EventWriter, write_event
from timeline.fmt._style import scalar_text
from timeline.fmt._tree import (
    NULLS,
    Collection,
    Comment,
    Document,
    Entry,
    Node,
    Scalar,
    UnsupportedYAML,
    Written,
)

__all__ = ["Listener", "read_events"]

_SCALAR = ev.ScalarEvent
_MAPPING_START = ev.MappingStartEvent
_MAPPING_END = ev.MappingEndEvent
_SEQUENCE_START = ev.SequenceStartEvent
_SEQUENCE_END = ev.SequenceEndEvent
_BLOCK_STYLES = ("|", ">")
#: Every empty value (nothing changes a scalar once read).
_NULL = Scalar("", None, "", False)


class _Tokens(Exception):
    """Something only the token reader reads (or refuses)."""


def read_events(text: str) -> Document | None:
    """The tree of ``text`` (line breaks already ``\\n``), when no comment follows its
    first key; None when the token reader must read it."""
    parser = yaml.CSafeLoader(text)
    found = _Found()
    reader = _read_all(text, found)
    next(reader)
    try:
        # Each event, until the parser has none, given to the reader in a loop that runs
        # in C (the reader stops it by raising, when it leaves the text to the tokens).
        deque(map(reader.send, iter(parser.get_event, None)), maxlen=0)
    except (_Tokens, yaml.YAMLError):
        return None
    finally:
        parser.dispose()
    return found.doc


class Listener:
    """:func:`read_events` of a text from the events another reader gets from libyaml (the
    validator's): :attr:`send` is given each event, in order, and never raises.

    Once the last event came, ``doc`` is the tree, or ``refused`` is True when the token
    reader must read the text; before that (the other reader stopped early) both say
    nothing, and the text must be read anew.
    """

    def __init__(self, text: str) -> None:
        found = _Found()
        reader = _listen(text, found)
        next(reader)
        self._found = found
        self.send: Callable[[Any], object] = reader.send

    @property
    def doc(self) -> Document | None:
        return self._found.doc

    @property
    def refused(self) -> bool:
        return self._found.refused


class _Found:
    """What a :class:`Listener` found. Apart from it: the reader holds this, not the
    listener, so no reference cycle keeps the tree alive once dropped."""

    def __init__(self) -> None:
        self.doc: Document | None = None
        self.refused = False


def _read_all(text: str, found: _Found) -> Generator[None, Any, None]:
    found.doc = yield from _Reader(text).document()
    while True:  # never done: a loop giving it events ends when they do
        yield


def _listen(text: str, found: _Found) -> Generator[None, Any, None]:
    try:
        found.doc = yield from _Reader(text).document()
    except (_Tokens, yaml.YAMLError):
        found.refused = True  # the token reader reads it, or says what is wrong with it
    except Exception:
        pass  # a mistake here is met again, and raised, when the text is read anew
    while True:  # whatever comes after (nothing, when the other reader reads it all)
        yield


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        #: Each plain key's scalar, shared by every entry with that key.
        self.keys: dict[str, Scalar] = {}
        #: Each plain one-line value's scalar, shared by every entry with that value.
        self.plain: dict[str, Scalar] = {}
        self.writer = EventWriter(text)

    def document(self) -> Generator[None, Any, Document]:
        text = self.text
        if (yield).__class__ is not ev.StreamStartEvent:
            raise _Tokens
        start = yield
        if start.__class__ is not ev.DocumentStartEvent or start.version or start.tags:
            raise _Tokens  # an empty text, or a directive
        root_event = yield
        if root_event.__class__ is not _MAPPING_START or root_event.flow_style:
            raise _Tokens
        mark: Any = root_event.start_mark
        root_start: int = mark.index
        if text.find("#", root_start) != -1:
            raise _Tokens  # a comment among the entries (or a '#' in a value)
        explicit = bool(start.explicit)
        mark = start.end_mark
        marker_end: int = mark.index if explicit else 0
        root = yield from self.mapping(root_event, 0, first_key_at=root_start)
        end = yield
        if end.__class__ is not ev.DocumentEndEvent or (yield).__class__ is not ev.StreamEndEvent:
            raise _Tokens  # a second document
        header: list[Comment] = []
        intro: list[Comment] = []
        for comment in _comments(text, root_start):
            # Before "---", or beside it on its line: the header; after it, the intro.
            (header if comment.index < marker_end or not comment.own_line else intro).append(
                comment
            )
        blank = bool(intro) and _blank_between(text, intro[-1], root_start)
        return Document(text, root, explicit, header, intro, blank, [], root_start, False)

    def node(self, event: Any, depth: int, parent_col: int) -> Generator[None, Any, Node]:
        cls = event.__class__
        if cls is _SCALAR:
            return self.scalar(event, parent_col)
        if cls is _MAPPING_START:
            return (yield from self.mapping(event, depth))
        if cls is _SEQUENCE_START:
            return (yield from self.sequence(event, depth))
        raise _Tokens  # an alias

    def scalar(self, event: Any, parent_col: int) -> Scalar:
        if event.anchor is not None or event.tag is not None:
            raise _Tokens
        s, e = event.start_mark, event.end_mark
        start, end = s.index, e.index
        if start == end:
            return _NULL  # an empty value
        value = event.value
        raw = self.text[start:end]
        style = event.style or None
        if raw == value and style is None and e.line == s.line:
            # Plain, on one line: one scalar for each such text (dates, tags, words repeat
            # thousands of times; its column is only a block scalar's).
            shared = self.plain.get(value)
            if shared is None:
                shared = self.plain[value] = Scalar(value, None, value, False)
            return shared
        return Scalar(value, style, raw, e.line > s.line, parent_col)

    def mapping(
        self, event: Any, depth: int, first_key_at: int = -1
    ) -> Generator[None, Any, Collection]:
        if event.anchor is not None or event.tag is not None:
            raise _Tokens
        text, keys, plain = self.text, self.keys, self.plain
        mark = event.start_mark
        flow = bool(event.flow_style)
        coll = Collection("map", flow, mark.index, mark.line, mark.column, depth + 1)
        append = coll.entries.append
        while True:
            key_event = yield
            if key_event.__class__ is not _SCALAR:
                if key_event.__class__ is _MAPPING_END:
                    return coll
                raise _Tokens  # a key that is not text
            if key_event.anchor is not None or key_event.tag is not None:
                raise _Tokens
            s: Any = key_event.start_mark
            e: Any = key_event.end_mark
            start, end = s.index, e.index
            if start == end or first_key_at not in (-1, start):
                raise _Tokens  # a key with no text, or "? key" first
            first_key_at = -1
            value = key_event.value
            raw = text[start:end]
            style = key_event.style or None
            if raw == value and style is None and e.line == s.line:
                key = keys.get(value)
                if key is None:
                    value = intern(value)
                    key = keys[value] = Scalar(value, None, value, False)
            else:
                key = Scalar(value, style, raw, e.line > s.line)
            col = s.column
            item = yield
            cls = item.__class__
            node: Node
            if cls is _SCALAR:
                # self.scalar(item, col), inlined for the plain one-line values that most
                # entries hold
                s = item.start_mark
                e = item.end_mark
                start_v, end_v = s.index, e.index
                value = item.value
                if (
                    not item.style
                    and start_v != end_v
                    and e.line == s.line
                    and end_v - start_v == len(value)
                    and text.startswith(value, start_v)
                    and item.anchor is None
                    and item.tag is None
                ):
                    shared = plain.get(value)
                    if shared is None:
                        shared = plain[value] = Scalar(value, None, value, False)
                    node = shared
                else:
                    node = self.scalar(item, col)
            elif cls is _SEQUENCE_START:
                events = not depth and key.value == "events"  # the top level's events
                node = yield from self.sequence(item, coll.depth, events=events)
            elif cls is _MAPPING_START:
                node = yield from self.mapping(item, coll.depth)
            else:
                raise _Tokens  # an alias
            append(Entry(key, node, start, col))

    def sequence(
        self, event: Any, depth: int, *, events: bool = False
    ) -> Generator[None, Any, Collection]:
        """A list; with ``events`` (the top level's events), each mapping in it is written
        as soon as it is read (:class:`~timeline.fmt._tree.Written`)."""
        if event.anchor is not None or event.tag is not None:
            raise _Tokens
        text = self.text
        mark = event.start_mark
        flow = bool(event.flow_style)
        coll = Collection("seq", flow, mark.index, mark.line, mark.column, depth + 1)
        append = coll.entries.append
        while True:
            item = yield
            cls = item.__class__
            if cls is _SEQUENCE_END:
                return coll
            at = item.start_mark
            if flow:
                child: Node | Written
                if cls is _SCALAR:  # most items of a [list]: no generator for each
                    child = self.scalar(item, 0)
                else:
                    if cls is _MAPPING_START and text[at.index] != "{":
                        raise _Tokens  # key: value inside [...]
                    if events and cls is _MAPPING_START:
                        child = yield from self.event(item, coll.depth)
                    else:
                        child = yield from self.node(item, coll.depth, 0)
                append(Entry(None, child, at.index, at.column))
                continue
            # A block list's item starts at its "-" (only blank space lies between them),
            # and a block scalar's indentation counts from there.
            if cls is _SCALAR and at.index == item.end_mark.index:
                raise _Tokens  # an empty item: the token reader reads what follows into it
            dash = text.rfind("-", 0, at.index)
            col = dash - (text.rfind("\n", 0, dash) + 1)
            if cls is _SCALAR:
                node: Node = self.scalar(item, col)
            elif cls is _MAPPING_START:  # an event: one generator less on the way
                if events:
                    item_node = yield from self.event(item, coll.depth)
                    append(Entry(None, item_node, dash, col))
                    continue
                node = yield from self.mapping(item, coll.depth)
            else:
                node = yield from self.node(item, coll.depth, col)
            append(Entry(None, node, dash, col))

    def event(self, event: Any, depth: int) -> Generator[None, Any, Node | Written]:
        """An event (a mapping in the top level's events list), written as it is read:
        each entry as :func:`~timeline.fmt._emit.emit` writes it, the commonest ("key:
        value" on one line) here, any other by the emitter."""
        if event.anchor is not None or event.tag is not None:
            raise _Tokens
        text, writer = self.text, self.writer
        head = writer.head
        parts: list[tuple[int, str, bool]] = []
        add = parts.append
        try:
            while True:
                key_event = yield
                if key_event.__class__ is not _SCALAR:
                    if key_event.__class__ is _MAPPING_END:
                        break
                    raise _Tokens  # a key that is not text
                if key_event.anchor is not None or key_event.tag is not None:
                    raise _Tokens
                s: Any = key_event.start_mark
                e: Any = key_event.end_mark
                start = s.index
                if start == e.index:
                    raise _Tokens  # a key with no text
                name = key_event.value
                style = key_event.style or None
                rank, key, role = head(name, style)
                item = yield
                cls = item.__class__
                node: Node
                if cls is _SCALAR:
                    vs: Any = item.start_mark
                    ve: Any = item.end_mark
                    value_style = item.style or None
                    if (
                        ve.line == vs.line
                        and vs.index != ve.index
                        and item.anchor is None
                        and item.tag is None
                        and (
                            item.value not in NULLS
                            if value_style is None
                            else value_style not in _BLOCK_STYLES
                        )
                    ):
                        line = scalar_text(item.value, value_style, role, False)
                        add((rank, f"    {key}: {line}", False))
                        continue
                    node = self.scalar(item, s.column)
                    lines, keep = writer.scalar(key, role, node, start)
                    add((rank, lines, keep))
                    continue
                if cls is _SEQUENCE_START:
                    node = yield from self.sequence(item, depth + 1)
                    words = writer.words(name, node) if node.flow else None
                    if words is not None:
                        add((rank, f"    {key}: {words}", False))
                        continue
                elif cls is _MAPPING_START:
                    node = yield from self.mapping(item, depth + 1)
                else:
                    raise _Tokens  # an alias
                name_node = Scalar(name, style, text[start : e.index], e.line > s.line)
                lines, keep = writer.entry(Entry(name_node, node, start, s.column), key)
                add((rank, lines, keep))
        except UnsupportedYAML:
            raise _Tokens from None  # the token reader's tree says where
        if not parts:  # "- {}"
            mark = event.start_mark
            flow = bool(event.flow_style)
            empty = Collection("map", flow, mark.index, mark.line, mark.column, depth + 1)
            return write_event(empty, text)
        return writer.event(parts)


def _comments(text: str, end: int) -> list[Comment]:
    """The comments before offset ``end`` (where nothing but comments, blank space and a
    ``---`` can be), as :mod:`timeline.fmt._parse` notes them."""
    out: list[Comment] = []
    at = text.find("#", 0, end)
    while at != -1:
        stop = text.find("\n", at, end)
        stop = end if stop == -1 else stop
        line_start = text.rfind("\n", 0, at) + 1
        blank = False
        if line_start:
            above = text.rfind("\n", 0, line_start - 1) + 1
            blank = not text[above : line_start - 1].strip()
        out.append(
            Comment(
                text[at:stop].rstrip(),
                at,
                text.count("\n", 0, at),
                at - line_start,
                not text[line_start:at].strip(),
                blank,
            )
        )
        at = text.find("#", stop, end)
    return out


def _blank_between(text: str, c: Comment, at: int) -> bool:
    """True when a blank line lies between comment ``c`` and the line holding offset
    ``at`` (as :meth:`timeline.fmt._read._Placer.blank_between`)."""
    after = text.find("\n", c.index) + 1
    if not after:
        return False
    before = text.rfind("\n", 0, at) + 1
    if before <= after:
        return False
    return any(not line.strip() for line in text[after : before - 1].split("\n"))
