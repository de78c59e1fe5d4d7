"""The common case, fast: a file with nothing to report, read straight from libyaml's events.

The full reader (:mod:`timeline.loader._nodes` then :mod:`timeline.loader.build`) reads any
file and reports every problem at its place: a generic loop with a stack, pending keys and
each key's first line builds a node for every key and value, and each event is then
built from its mapping node. Most files have nothing to report, and this module reads
those with a plain recursive descent instead:

- the events list, which is nearly all of a chronology, goes straight from the event
  stream into :func:`timeline.loader.build.event_draft` (the same function the full
  reader ends in: every rule on dates, texts, ids and lists is applied by the same code),
  without nodes for keys or mappings;
- everything else becomes the very same node tree the full reader makes, which
  :func:`~timeline.loader.build.build` then reads as usual.

At the first thing that needs a diagnostic or a closer look it gives up and returns None:
an anchor, alias, tag or merge key, a repeated key, a key that is not a scalar, a key an
event does not know (or an extension key), a second document, nesting deeper than the
format uses, a syntax error, an event the rules refuse. The caller then reads the file
with the full reader, which says what is wrong. ``tests/test_fast_reader.py`` checks that
both readers give the same chronology and the same diagnostics.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml import events as ev

from timeline.errors import Diagnostic
from timeline.loader import _nodes
from timeline.loader import build as _build
from timeline.loader._nodes import MAX_DEPTH, Mapping, Node, Scalar, Sequence
from timeline.spec import FORMAT

__all__ = ["parse", "read"]

_SCALAR = ev.ScalarEvent
_MAPPING_START = ev.MappingStartEvent
_MAPPING_END = ev.MappingEndEvent
_SEQUENCE_START = ev.SequenceStartEvent
_SEQUENCE_END = ev.SequenceEndEvent
_EVENT_KEYS = frozenset(FORMAT["event"])

Drafts = list[_build._EventDraft | None]
#: An event's nodes by key, in the order written.
Fields = dict[str, Node]
#: Called with each libyaml event of the file, in order, as the fast reader reads it: a
#: caller that reads the same events another way (the formatter) need not parse the file
#: again. It sees every event of a file the fast reader reads to the end (and a first part
#: of one it gives up on); it must not raise.
Tap = Callable[[Any], object]


class _Unusual(Exception):
    """Something the full reader must look at (and perhaps report)."""


def read(
    data: bytes,
    file: str,
    *,
    whole: bool = False,
    tap: Tap | None = None,
    fields: list[Fields] | None = None,
) -> tuple[Node, Drafts | None] | None:
    """The node tree of a file with nothing to report at the YAML level and events the
    rules accept, with those events already made (the tree then holds an empty ``events``
    list, or with ``whole`` the events' nodes too, as :func:`parse` reads them); None
    when the full reader must read it. The caller pauses the garbage collector
    (:func:`timeline.loader._nodes.paused_gc`). ``tap`` is called with each libyaml event
    as it is read (see :data:`Tap`). ``fields`` is given each event's nodes by key, in the
    order written (when the events list is read into events: then ``Drafts`` is not None),
    at no cost: a caller that compares values needs no ``whole`` tree."""
    text = _text(data, file)
    return None if text is None else _read(text, _build._Ctx(file), whole, tap, fields)


def parse(data: bytes, file: str) -> tuple[Node | None, list[Diagnostic]]:
    """:func:`timeline.loader._nodes.parse`: the same tree and diagnostics, faster when
    there is nothing to report."""
    text = _text(data, file)
    if text is not None:
        with _nodes.paused_gc():
            found = _read(text, None, False)
        if found is not None:
            return found[0], []
    return _nodes.parse(data, file)


def _text(data: bytes, file: str) -> str | None:
    """The file's text, when reading it has nothing to report."""
    if len(data) > _nodes.MAX_BYTES:
        return None
    problems = _nodes._Problems(file)
    text = _nodes._decode(data, problems)
    return None if problems.found else text


def _read(
    text: str,
    ctx: _build._Ctx | None,
    whole: bool,
    tap: Tap | None = None,
    fields: list[Fields] | None = None,
) -> tuple[Node, Drafts | None] | None:
    parser = yaml.CSafeLoader(text)
    try:
        get: Callable[[], Any] = parser.get_event
        if tap is not None:
            get = _tapped(get, tap)
        if get().__class__ is not ev.StreamStartEvent:
            return None
        if get().__class__ is not ev.DocumentStartEvent:
            return None  # an empty file
        first = get()
        drafts: Drafts | None = None
        root: Node
        if first.__class__ is _MAPPING_START and ctx is not None:
            root, drafts = _top(get, first, ctx, whole, fields)
        else:
            root = _node(get, first, 1)
        if get().__class__ is not ev.DocumentEndEvent:
            return None
        if get().__class__ is not ev.StreamEndEvent:
            return None
        return root, drafts
    except (_Unusual, yaml.YAMLError):
        return None
    finally:
        parser.dispose()


def _tapped(get: Callable[[], Any], tap: Tap) -> Callable[[], Any]:
    def tapped() -> Any:
        event = get()
        tap(event)
        return event

    return tapped


def _top(
    get: Callable[[], Any],
    start: Any,
    ctx: _build._Ctx,
    whole: bool,
    kept: list[Fields] | None = None,
) -> tuple[Mapping, Drafts | None]:
    """The top-level mapping, reading the events list into events (and, with ``whole``,
    into the events list's nodes)."""
    drafts: Drafts | None = None

    def value(name: str, event: Any) -> Node:
        nonlocal drafts
        if name == "events" and event.__class__ is _SEQUENCE_START:
            at: Any = event.start_mark
            events = Sequence(at.line + 1, at.column + 1)
            drafts = _events(get, event, ctx, events.items if whole else None, kept)
            return events
        node = _node(get, event, 2)
        if name == "timezone":
            # Events are checked in the chronology's zone (daylight-saving gaps, the order
            # of a period's instants): know it before them, or let the full reader read.
            zone, tz = _build._timezone(ctx, node)
            if ctx.found or (drafts is not None and zone != "UTC"):
                raise _Unusual
            ctx.tz, ctx.zone = tz, zone
        return node

    return _mapping(get, start, 1, value), drafts


def _events(
    get: Callable[[], Any],
    start: Any,
    ctx: _build._Ctx,
    nodes: list[Node] | None,
    kept: list[Fields] | None = None,
) -> Drafts:
    """Each item of the events list, made into an event by the shared rules (and into a
    mapping node added to ``nodes``, and its fields added to ``kept``, when given)."""
    if start.anchor is not None or start.tag is not None:
        raise _Unusual
    out: Drafts = []
    append = out.append
    make = _build.event_draft
    found = ctx.found
    while True:
        item = get()
        if item.__class__ is not _MAPPING_START:
            if item.__class__ is _SEQUENCE_END:
                return out
            raise _Unusual
        if item.anchor is not None or item.tag is not None:
            raise _Unusual
        mark: Any = item.start_mark
        where = {"event": (mark.line + 1, mark.column + 1)}
        fields: dict[str, Node] = {}
        keys: list[Scalar] | None = None if nodes is None else []
        while True:
            key = get()
            if key.__class__ is not _SCALAR:
                if key.__class__ is _MAPPING_END:
                    break
                raise _Unusual
            name = key.value
            if name not in _EVENT_KEYS or name in fields or key.anchor is not None:
                raise _Unusual
            if key.tag is not None:
                raise _Unusual
            if keys is not None:
                mark = key.start_mark
                keys.append(Scalar(name, mark.line + 1, mark.column + 1, key.style or None))
            value = get()
            node: Node
            if value.__class__ is _SCALAR:
                if value.anchor is not None or value.tag is not None:
                    raise _Unusual
                mark = value.start_mark
                line, col = mark.line + 1, mark.column + 1
                node = Scalar(value.value, line, col, value.style or None)
            elif value.__class__ is _SEQUENCE_START:
                # A list of words (tags, sources, related), read here: there are many.
                if value.anchor is not None or value.tag is not None:
                    raise _Unusual
                mark = value.start_mark
                line, col = mark.line + 1, mark.column + 1
                node = Sequence(line, col)
                add = node.items.append
                while True:
                    item = get()
                    if item.__class__ is not _SCALAR:
                        if item.__class__ is _SEQUENCE_END:
                            break
                        raise _Unusual  # not a word: the rules would refuse it
                    if item.anchor is not None or item.tag is not None:
                        raise _Unusual
                    mark = item.start_mark
                    add(Scalar(item.value, mark.line + 1, mark.column + 1, item.style or None))
            else:
                node = _node(get, value, 3)
                line, col = node.line, node.col
            fields[name] = node
            where[name] = (line, col)
        draft = make(ctx, fields, where)
        if draft is None or found or len(out) >= _nodes.MAX_EVENTS:
            raise _Unusual  # the full reader reports it (more events than allowed too)
        append(draft)
        if kept is not None:
            kept.append(fields)
        if nodes is not None and keys is not None:
            at = where["event"]
            nodes.append(Mapping(at[0], at[1], list(zip(keys, fields.values(), strict=True))))


def _node(get: Callable[[], Any], event: Any, depth: int) -> Node:
    cls = event.__class__
    if cls is _SCALAR:
        return _scalar(event)
    if cls is _MAPPING_START:
        return _mapping(get, event, depth, lambda _name, value: _node(get, value, depth + 1))
    if cls is _SEQUENCE_START:
        return _sequence(get, event, depth)
    raise _Unusual


def _scalar(event: Any) -> Scalar:
    if event.anchor is not None or event.tag is not None:
        raise _Unusual
    mark = event.start_mark
    return Scalar(event.value, mark.line + 1, mark.column + 1, event.style or None)


def _mapping(
    get: Callable[[], Any], start: Any, depth: int, value: Callable[[str, Any], Node]
) -> Mapping:
    if start.anchor is not None or start.tag is not None or depth >= MAX_DEPTH:
        raise _Unusual
    mark = start.start_mark
    node = Mapping(mark.line + 1, mark.column + 1)
    append = node.items.append
    seen: set[str] = set()
    while True:
        key = get()
        if key.__class__ is not _SCALAR:
            if key.__class__ is _MAPPING_END:
                return node
            raise _Unusual
        name = key.value
        style = key.style or None
        if name in seen or (name == "<<" and style is None):
            raise _Unusual
        seen.add(name)
        key_node = _scalar(key)
        append((key_node, value(name, get())))


def _sequence(get: Callable[[], Any], start: Any, depth: int) -> Sequence:
    if start.anchor is not None or start.tag is not None or depth >= MAX_DEPTH:
        raise _Unusual
    mark = start.start_mark
    node = Sequence(mark.line + 1, mark.column + 1)
    append = node.items.append
    while True:
        item = get()
        cls = item.__class__
        if cls is _SCALAR:
            append(_scalar(item))
        elif cls is _SEQUENCE_END:
            return node
        else:
            append(_node(get, item, depth + 1))
