"""The formatter's safety proof: the checks that must all pass before anything is written.

(a) the formatted text loads to the same chronology: every model field equal, events matched
    by id, events in the documented order; and every value of the file equal, including
    block-scalar line ends and ``x-`` data the model does not hold;
(b) every comment is with the same entry, in the same place (above, beside, closing);
(c) formatting the formatted text again changes nothing.

The data comparison reads both texts with the validator's own YAML reader, not the
formatter's, so a mistake in the formatter's reading cannot hide itself.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Iterable

from timeline import _process
from timeline.errors import shorten
from timeline.fmt._aside import Aside
from timeline.fmt._read import read, read_tokens
from timeline.fmt._style import ID_MAPS, KEY_ORDER, is_typed, item_role, value_role
from timeline.fmt._tree import Collection, Document, Entry
from timeline.loader import _nodes as yn
from timeline.loader._fast import Fields, parse
from timeline.loader.validate import check_values
from timeline.model import Event, Timeline

__all__ = ["Failure", "Owners", "comment_owners", "prove"]

#: (the check that failed: "a", "b" or "c"; what was found)
Failure = tuple[str, str]
#: Every comment's text by owner: (path of the entry, where) -> texts, in order.
Owners = dict[tuple[tuple[str, ...], str], list[str]]

_TOP_FIELDS = (
    "title",
    "subtitle",
    "as_of",
    "as_of_instant",
    "as_of_given",
    "locale",
    "timezone",
    "eras",
)


def prove(
    before_text: str,
    before: Timeline | None,
    before_owners: Owners,
    after_text: str,
    expected_order: list[str],
    order: Callable[[Timeline], list[int]],
    again: Callable[[Document, list[int]], str],
    before_root: yn.Node | None = None,
    keep: bool = False,
    file: str = "timeline.yaml",
    share: bool = False,
    before_fields: list[Fields] | None = None,
) -> Failure | Timeline | None:
    """Run checks (a), (b) and (c) on a formatted text: the failure, or when all pass None
    (with ``keep``: the chronology the formatted text loads as).

    ``before_owners`` are the original's :func:`comment_owners` (the caller may then free
    the original's tree: on a large file each tree is hundreds of megabytes). ``order``
    gives a chronology's events in the order the formatter writes them (as indices), and
    ``again`` formats a read text with its events in that order: check (c) runs both on
    the result. ``before_root`` is the original as the validator's reader read it, when the
    caller kept it (the original is then not read again). ``before`` is None when the
    caller let the original's chronology go (a large file): it is read again here, with
    its nodes (as ``file``). With ``share`` the result's layout tree is read beside its
    validation (:class:`~timeline.fmt._aside.Aside`: in a child process, or from the
    events the validator's reader gets), not after it. ``before_fields`` are the
    original's events as the validator read them, by key, when ``before_root`` holds them
    apart (:func:`timeline.loader.validate.check_values`).
    """
    if before is None:
        again_report, before_root, before_fields = check_values(before_text.encode("utf-8"), file)
        assert again_report.timeline is not None  # it loaded a moment ago
        before = again_report.timeline
        del again_report
    # The result is read once, for its chronology and for its values (and its tree).
    aside = Aside(after_text) if share else None
    try:
        report, after_root, after_fields = check_values(
            after_text.encode("utf-8"), before.path, tap=None if aside is None else aside.tap
        )
    except BaseException:
        if aside is not None:
            aside.close()
        raise
    found: tuple[Document | None, bool] = (None, False)
    if aside is not None:
        found = aside.result()  # (waits for it: it is needed unless a check below fails)
        del aside
    if not report.ok or report.timeline is None:
        first = report.errors[0] if report.errors else None
        return "a", f"the formatted text does not load ({first})"
    after = report.timeline
    problem = model_difference(before, after, expected_order)
    if problem is None:
        problem = data_difference(
            before_text,
            before,
            after_text,
            after,
            after_root,
            before_root,
            before_fields,
            after_fields,
        )
    if problem is not None:
        return "a", problem
    ids = [e.id for e in after.events]
    again_order = order(after)
    # The result's tree comes next: one chronology in memory, not two (unless kept).
    kept = after if keep else None
    after_doc, refused = found
    del found
    if after_doc is not None:
        _process.keep(report, after_root, after_fields, after_doc)  # the tree is read: no need
    else:
        del report, after, after_root, after_fields
        after_doc = read_tokens(after_text) if refused else read(after_text)
    problem = comment_difference(before_owners, comment_owners(after_doc, ids))
    if problem is not None:
        return "b", problem
    again_text = again(after_doc, again_order)
    if again_text != after_text:
        return (
            "c",
            f"formatting the result again changes line {_first_difference(after_text, again_text)}",
        )
    return kept


# -- (a) the same chronology -------------------------------------------------------------


def model_difference(a: Timeline, b: Timeline, expected_order: list[str]) -> str | None:
    """What differs between two chronologies, ignoring file positions and event order."""
    for name in _TOP_FIELDS:
        if getattr(a, name) != getattr(b, name):
            return f"'{name}' changed"
    for name in ("sources", "groups", "views"):
        if list(getattr(a, name).items()) != list(getattr(b, name).items()):
            return f"'{name}' changed"
    events_a = {e.id: e for e in a.events}
    events_b = {e.id: e for e in b.events}
    if len(a.events) != len(b.events) or events_a.keys() != events_b.keys():
        lost = sorted(events_a.keys() - events_b.keys()) or sorted(
            events_b.keys() - events_a.keys()
        )
        return f"the events changed (event '{lost[0] if lost else '?'}')"
    for eid, event in events_a.items():
        if _compared(event) != _compared(events_b[eid]):
            return f"event '{eid}' changed"
    if [e.id for e in b.events] != expected_order:
        return "the events are not in the documented order"
    return None


#: An event's fields that equality compares, but its position in the file: what must not change.
_compared = operator.attrgetter(
    *(f.name for f in dataclasses.fields(Event) if f.compare and f.name != "index")
)


def data_difference(
    a_text: str,
    a: Timeline,
    b_text: str,
    b: Timeline,
    b_root: yn.Node | None = None,
    a_root: yn.Node | None = None,
    a_fields: list[Fields] | None = None,
    b_fields: list[Fields] | None = None,
) -> str | None:
    """Compare every value of both files, as read by the validator's reader (``a_root``,
    ``b_root``: a file's nodes, when already read; ``a_fields``, ``b_fields``: its events,
    when its nodes hold them apart)."""
    data_a = _data(a_text, a) if a_root is None else _values(a_root, a, a_fields)
    data_b = _data(b_text, b) if b_root is None else _values(b_root, b, b_fields)
    if data_a == data_b:
        return None
    return f"a value changed ({_first_data_difference(data_a, data_b)})"


def _values(root: yn.Node, timeline: Timeline, events: list[Fields] | None) -> object:
    return _plain(root, "top", [e.id for e in timeline.events], events)


def _data(text: str, timeline: Timeline) -> object:
    root, _ = parse(text.encode("utf-8"), timeline.path)
    ids = [e.id for e in timeline.events]
    return _plain(root, "top", ids)


def _plain(
    node: yn.Node | None, role: str, ids: list[str], events: list[Fields] | None = None
) -> object:
    """The values of ``node`` (of ``role``) as compared; ``events``: the top level's events
    by key, when its events node holds none (:func:`~timeline.loader.validate.check_values`)."""
    if node is None:
        return None
    if isinstance(node, yn.Scalar):
        if node.is_null:
            return None
        if role == "x":
            return (node.value, is_typed(node.value, node.style is None))
        return node.value
    if isinstance(node, yn.Sequence):
        child = item_role(role)
        if role == "events":
            if events is not None:
                return {ids[i]: _plain_pairs(f.items(), child, ids) for i, f in enumerate(events)}
            return {ids[i]: _plain(item, child, ids) for i, item in enumerate(node.items)}
        return [_plain(item, child, ids) for item in node.items]
    if role == "top" and events is not None:
        pairs = [
            (key.value, _plain(value, value_role(role, key.value, True), ids, events))
            if key.value == "events" and isinstance(value, yn.Sequence)
            else (key.value, _plain_value(value, role, key.value, ids))
            for key, value in node.items
        ]
        return dict(pairs)
    return _plain_pairs(((key.value, value) for key, value in node.items), role, ids)


def _plain_value(value: yn.Node, role: str, key: str, ids: list[str]) -> object:
    if isinstance(value, yn.Scalar):
        value_of = value_role(role, key, False)
        if value_of != "x":
            return None if value.is_null else value.value
        return _plain(value, value_of, ids)
    return _plain(value, value_role(role, key, True), ids)


def _plain_pairs(items: Iterable[tuple[str, yn.Node]], role: str, ids: list[str]) -> object:
    """A mapping's values (its keys and nodes: ``items``) as compared."""
    pairs: list[tuple[str, object]] = []
    for key, value in items:
        if isinstance(value, yn.Scalar):
            value_of = value_role(role, key, False)
            if value_of != "x":  # most of a file: no call for each
                pairs.append((key, None if value.is_null else value.value))
                continue
            pairs.append((key, _plain(value, value_of, ids)))
        else:
            pairs.append((key, _plain(value, value_role(role, key, True), ids)))
    if role in KEY_ORDER:
        return dict(pairs)
    if role == "x" or role in ID_MAPS:
        return pairs
    return dict(pairs)


def _first_data_difference(a: object, b: object, path: str = "") -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            if a.get(key) != b.get(key):
                return _first_data_difference(a.get(key), b.get(key), f"{path}/{key}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return _first_data_difference(x, y, f"{path}/{i}")
    return f"at {path or '/'}: {_short(a)} became {_short(b)}"


def _short(value: object) -> str:
    return shorten(repr(value), 60)


# -- (b) the same comments in the same places ----------------------------------------------


def comment_owners(doc: Document, ids: list[str]) -> Owners:
    """Every comment by owner: (path of the entry, where) -> texts; where is "above",
    "beside" or "closing" (after it, indented deeper). ``ids`` are the chronology's event
    ids in file order: events are named by id."""
    out: Owners = {}

    def put(path: tuple[str, ...], where: str, texts: list[str]) -> None:
        if texts:
            out.setdefault((path, where), []).extend(texts)

    put(("<file>",), "before ---", [c.text for c in doc.header])
    put(("<file>",), "top", [c.text for c in doc.intro])
    if isinstance(doc.root, Collection) and doc.comments_below:
        # 'title' always comes first: comments above it join the file's top comments.
        for entry in doc.root.entries:
            if entry.key is not None and entry.key.value == "title":
                put(("<file>",), "top", [c.text for c in entry.leading])
        _walk(doc.root, (), "top", ids, put)
    put(("<file>",), "end", [c.text for c in doc.footer])
    return out


def _walk(
    coll: Collection,
    path: tuple[str, ...],
    role: str,
    ids: list[str],
    put: Callable[[tuple[str, ...], str, list[str]], None],
) -> None:
    put(path, "closing", [c.text for c in coll.footer])
    for i, entry in enumerate(coll.entries):
        if not (entry.leading or entry.trailing or entry.under) and not isinstance(
            entry.value, Collection
        ):
            continue  # nothing to note here (most entries)
        name = _name(entry, i, role, ids)
        here = (*path, name)
        if path or name != "title":
            put(here, "above", [c.text for c in entry.leading])
        put(here, "beside", [c.text for c in entry.trailing])
        if isinstance(entry.value, Collection):
            child = item_role(role) if coll.kind == "seq" else value_role(role, name, True)
            _walk(entry.value, here, child, ids, put)
        # Under a one-line value or closing the block it became: the same place, after it.
        put(here, "closing", [c.text for c in entry.under])


def _name(entry: Entry, index: int, role: str, ids: list[str]) -> str:
    if entry.key is not None:
        return entry.key.value
    if role == "events" and index < len(ids):
        return f"event {ids[index]}"
    return f"item {index + 1}"


def comment_difference(a: Owners, b: Owners) -> str | None:
    """The first comment that is not where it was, said in words."""
    if a == b:
        return None
    for key in list(a) + [k for k in b if k not in a]:
        texts_a, texts_b = a.get(key, []), b.get(key, [])
        if texts_a != texts_b:
            path, where = key
            missing = [t for t in texts_a if t not in texts_b]
            extra = [t for t in texts_b if t not in texts_a]
            place = " > ".join(path) or "the top level"
            if missing:
                return f"comment {missing[0]!r} is no longer {where} {place}"
            if extra:
                return f"comment {extra[0]!r} moved to {where} {place}"
            return f"the comments {where} {place} changed order"
    return "the comments changed"  # pragma: no cover - a != b means some key differs


def _first_difference(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a.split("\n"), b.split("\n"), strict=False), start=1):
        if x != y:
            return i
    return min(a.count("\n"), b.count("\n")) + 1
