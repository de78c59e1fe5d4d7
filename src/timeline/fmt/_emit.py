"""The canonical form: a read tree -> text, every comment above or beside its own entry.

Layout rules (documented in docs/editing.md):

- two spaces per level; a list under a key is indented under it; ``- `` then the item;
- keys in the documented order (``x-`` keys last, as written); events in the given order;
- one blank line between events; one between top-level keys when either spans several
  lines; none elsewhere, except inside a block of comments, as written (at most one);
- mappings and lists keep their block or ``[flow]`` style; a flow one is written on one
  line, unless comments or a multi-line text inside it need block style. The top level,
  the events list and each event are always block style;
- comments are indented like the entry they belong to and keep their text; a comment beside
  a value is separated from it by two spaces;
- block scalars (``|``, ``>``) keep their lines and indicators; other text spanning several
  lines keeps its line breaks. Both are only re-indented.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from timeline.fmt._style import KEY_ORDER, item_role, key_role, scalar_text, value_role
from timeline.fmt._tree import (
    BLOCK_HEADER,
    NULLS,
    Collection,
    Comment,
    Document,
    Entry,
    Node,
    Scalar,
    Written,
)
from timeline.fmt._tree import UnsupportedYAML as UnsupportedYAML

__all__ = ["EventWriter", "emit", "write_event"]

#: The place of each key in the documented order, by role.
_RANKS = {role: {key: i for i, key in enumerate(keys)} for role, keys in KEY_ORDER.items()}
#: The block scalars' styles.
_BLOCK_STYLES = ("|", ">")
#: Roles whose collections are always written in block style.
_ALWAYS_BLOCK = frozenset({"top", "events", "event"})


class _Out:
    """Output lines, remembering whether a keep-chomped block scalar (``|+``) just ended:
    blank lines written after one would become part of its text."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.keep = False

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.keep = False

    def blank(self) -> None:
        if not self.keep and self.lines and self.lines[-1] != "":
            self.lines.append("")

    def extend(self, other: _Out) -> None:
        if other.lines:
            self.lines.extend(other.lines)
            self.keep = other.keep

    def written(self, w: Written) -> None:
        """Add an event's lines, already written (as the lines they were joined from)."""
        if w.blank_end:
            self.lines.append(w.text[:-1])
            self.lines.append("")
        else:
            self.lines.append(w.text)
        self.keep = w.keep


#: How an event's keys are written, and the place of each in the documented order.
_EVENT_KEYS = key_role("event")
_EVENT_RANK = _RANKS["event"]


def emit(doc: Document, event_order: list[int] | None = None) -> str:
    """The canonical text of ``doc``; ``event_order`` gives the events' new order by index."""
    return _Emitter(doc.text, event_order).run(doc)


def write_event(event: Collection, text: str) -> Written:
    """The lines :func:`emit` writes for ``event``, an item of the top-level ``events`` list
    of ``text`` (a mapping with no comment in it): written as soon as it is read, its
    entries need not be kept."""
    out = _Out()
    _Emitter(text, None).entry(out, Entry(None, event, 0, 0), 2, None, "event")
    lines = out.lines
    return Written("\n".join(lines), out.keep, len(lines) > 1 and lines[-1] == "")


class EventWriter:
    """Writes the events of a text with no comment below its first key as they are read,
    entry by entry, as :func:`emit` writes them (it calls this emitter's own code for
    anything but the commonest lines): :meth:`head` says how a key starts its line,
    :meth:`entry` writes any entry, and :meth:`event` joins an event's entries."""

    def __init__(self, text: str) -> None:
        self._emitter = _Emitter(text, None)
        #: Each plain key's (rank, key as written, role of a one-line value under it).
        self._heads: dict[str, tuple[int, str, str]] = {}

    def head(self, name: str, style: str | None) -> tuple[int, str, str]:
        """An event's key ``name`` (written in ``style``): its place in the documented
        order, how it is written, and the role of a one-line value under it. A line
        ``"    " + key + ": " + scalar_text(value, style, role, False)`` is what
        :func:`emit` writes for a one-line value that is neither null nor a block scalar."""
        found = self._heads.get(name) if style is None else None
        if found is None:
            found = (
                _EVENT_RANK.get(name, len(_EVENT_RANK)),
                scalar_text(name, style, _EVENT_KEYS, False),
                value_role("event", name, False),
            )
            if style is None:
                self._heads[name] = found
        return found

    def entry(self, entry: Entry, key: str) -> tuple[str, bool]:
        """The lines of an event's ``entry`` (``key``: its key as written), joined, and
        whether they end a keep-chomped block scalar."""
        out = _Out()
        self._emitter.item(out, entry, 4, "    ", key, "map", "event")
        return "\n".join(out.lines), out.keep

    def scalar(self, key: str, role: str, value: Scalar, at: int) -> tuple[str, bool]:
        """:meth:`entry` of an entry whose value is a scalar (``role``: its role), with no
        comment (``at``: where the entry starts)."""
        out = _Out()
        self._emitter.scalar_entry(out, f"    {key}:", value, 4, role, None, at)
        return "\n".join(out.lines), out.keep

    @staticmethod
    def words(name: str, value: Collection) -> str | None:
        """How a ``[list]`` of one-line scalars under an event's key ``name`` is written
        (after ``key: ``); None for any other list (as :meth:`_Emitter.item`)."""
        child = value_role("event", name, True)
        return None if child in _ALWAYS_BLOCK else _words(value, item_role(child))

    @staticmethod
    def event(parts: list[tuple[int, str, bool]]) -> Written:
        """An event from its entries' (rank, lines joined, keep), in the order written."""
        if any(a[0] > b[0] for a, b in itertools.pairwise(parts)):
            parts = sorted(parts, key=_rank)
        text = "\n".join([part[1] for part in parts])
        last = parts[-1][1]
        # "- key: value": the first line shares the dash's line (its indentation is 4).
        return Written(f"  - {text[4:]}", parts[-1][2], last.endswith("\n"))


def _rank(part: tuple[int, str, bool]) -> int:
    return part[0]


def _with_comment(line: str, comment: Comment | None) -> str:
    return line if comment is None else f"{line}  {comment.text}"


class _Emitter:
    def __init__(self, text: str, event_order: list[int] | None) -> None:
        #: The text read (where an error is, from an offset).
        self.text = text
        self.event_order = event_order

    def run(self, doc: Document) -> str:
        out = _Out()
        self.comment_block(out, doc.header, 0)
        if doc.explicit_start:
            out.add("---")
        self.comment_block(out, doc.intro, 0)
        if doc.intro and doc.blank_after_intro:
            out.blank()
        root = doc.root
        if isinstance(root, Collection) and root.kind == "map":
            self.block_body(out, root, 0, "top")
        elif root is not None:
            raise UnsupportedYAML("the top level must be a mapping", 1, 1)
        self.footer(out, doc.footer, 0)
        lines = out.lines
        while lines and lines[-1] == "" and not out.keep:
            lines.pop()
        return "\n".join(lines) + "\n" if lines else ""

    # Comments.

    def comment_block(self, out: _Out, comments: Sequence[Comment], indent: int) -> None:
        for i, c in enumerate(comments):
            if i and c.blank_before:
                out.blank()
            out.add(" " * indent + c.text)

    def footer(self, out: _Out, comments: Sequence[Comment], indent: int) -> None:
        for c in comments:
            if c.blank_before:
                out.blank()
            out.add(" " * indent + c.text)

    def trailing(self, entry: Entry) -> Comment | None:
        if len(entry.trailing) > 1:
            second = entry.trailing[1]
            raise UnsupportedYAML(
                "two comments beside one entry (the other is on line "
                f"{entry.trailing[0].line + 1}); move one above it",
                second.line + 1,
                second.col + 1,
            )
        return entry.trailing[0] if entry.trailing else None

    # Collections.

    def ordered(self, coll: Collection, role: str) -> list[Entry]:
        if role == "events" and self.event_order is not None:
            return [coll.entries[i] for i in self.event_order]
        rank = _RANKS.get(role)
        if rank is None or coll.kind != "map":
            return coll.entries
        last = len(rank)
        get = rank.get
        ranks = [get(e.key.value if e.key is not None else "", last) for e in coll.entries]
        if all(a <= b for a, b in itertools.pairwise(ranks)):
            return coll.entries  # already in order, as in a formatted file
        return [e for _, _, e in sorted(zip(ranks, itertools.count(), coll.entries, strict=False))]

    def child_role(self, coll: Collection, role: str, entry: Entry) -> str:
        if coll.kind == "seq":
            return item_role(role)
        return value_role(role, _key(entry), isinstance(entry.value, Collection))

    def block_body(
        self,
        out: _Out,
        coll: Collection,
        indent: int,
        role: str,
        entries: list[Entry] | None = None,
    ) -> None:
        """Write a block collection's entries (``entries``: already in order) into ``out``."""
        if entries is None:
            entries = self.ordered(coll, role)
        if role == "top":
            self.top_body(out, coll, entries)
            return
        events = role == "events"
        keys = key_role(role)
        pad = " " * indent
        for k, entry in enumerate(entries):
            if k and events:
                out.blank()
            if entry.leading:
                self.comment_block(out, entry.leading, indent)
                if entry.blank_after_leading:
                    out.blank()
            name = entry.key
            key = None if name is None else scalar_text(name.value, name.style, keys, False)
            self.item(out, entry, indent, pad, key, coll.kind, role)
        self.footer(out, coll.footer, indent)

    def item(
        self, out: _Out, entry: Entry, indent: int, pad: str, key: str | None, kind: str, role: str
    ) -> None:
        """Write one entry (``key``: its key as written) of a block collection of ``kind``
        and ``role``, without the comments above it."""
        name = entry.key
        value = entry.value
        if name is not None and not entry.trailing and not entry.under:
            # Most lines of a file: "key: value" on one line, nothing beside or under it
            # (what entry() and scalar_entry() would write, without their calls).
            if isinstance(value, Scalar) and not value.spans_lines:
                style = value.style
                if (style is None and value.value not in NULLS) or (
                    style is not None and style not in _BLOCK_STYLES
                ):
                    of = value_role(role, name.value, False)
                    out.lines.append(f"{pad}{key}: {scalar_text(value.value, style, of, False)}")
                    out.keep = False
                    return
            # The next most: "key: [a, b]", a list of words on one line (what entry()
            # writes for it, without its calls).
            elif isinstance(value, Collection) and value.flow and value.kind == "seq":
                child = value_role(role, name.value, True)
                words = None if child in _ALWAYS_BLOCK else _words(value, item_role(child))
                if words is not None:
                    out.lines.append(f"{pad}{key}: {words}")
                    out.keep = False
                    return
        if kind == "seq":
            child = item_role(role)
        else:
            child = value_role(role, _key(entry), isinstance(value, Collection))
        self.entry(out, entry, indent, key, child)

    def top_body(self, out: _Out, coll: Collection, entries: list[Entry]) -> None:
        """The top level: a blank line between keys when either spans several lines."""
        prev_multi = False
        for k, entry in enumerate(entries):
            key = None
            if entry.key is not None:
                key = self.scalar_one_line(entry.key, key_role("top"), flow=False)
            # Each entry is written apart first: whether it spans lines decides the blank.
            body = _Out()
            self.entry(body, entry, 0, key, self.child_role(coll, "top", entry))
            multi = len(body.lines) > 1
            if k and (prev_multi or multi):
                out.blank()
            self.comment_block(out, entry.leading, 0)
            if entry.leading and entry.blank_after_leading:
                out.blank()
            out.extend(body)
            prev_multi = multi
        self.footer(out, coll.footer, 0)

    def style(self, coll: Collection, role: str) -> str:
        if not coll.entries:
            if coll.footer:
                c = coll.footer[0]
                raise UnsupportedYAML("a comment inside an empty [] or {}", c.line + 1, c.col + 1)
            return "flow"
        if role in _ALWAYS_BLOCK or not coll.flow:
            return "block"
        return "flow" if _flowable(coll) else "block"

    def entry(self, out: _Out, entry: Entry, indent: int, key: str | None, role: str) -> None:
        """Write the lines of one entry, without the comments above it."""
        value = entry.value
        if isinstance(value, Written):
            out.written(value)  # an event, written when it was read
            return
        pad = " " * indent
        head = pad + (f"{key}:" if key is not None else "-")
        comment = self.trailing(entry)
        if isinstance(value, Scalar):
            self.scalar_entry(out, head, value, indent, role, comment, entry.start)
        elif self.style(value, role) == "flow":
            out.add(_with_comment(f"{head} {self.inline(value, role)}", comment))
        else:
            entries = self.ordered(value, role)
            # "- key: value" and "- - item": the first line of the item shares the dash's
            # line, unless a comment comes first (one above the item's first entry).
            shared = key is None and comment is None and not entries[0].leading
            if not shared:
                out.add(_with_comment(head, comment))
            first = len(out.lines)
            self.block_body(out, value, indent + 2, role, entries)
            if shared:
                out.lines[first] = f"{pad}- {out.lines[first][indent + 2 :]}"
        # Comments under a one-line value, or under one whose mapping must be written in
        # block style (an event written {...}): they close it.
        if entry.under:
            self.footer(out, entry.under, indent + 2)

    def inline(self, node: Node | Written, role: str) -> str:
        assert not isinstance(node, Written)  # only block lists hold them
        if isinstance(node, Scalar):
            if node.is_null:
                return "null"
            return self.scalar_one_line(node, role, flow=True)
        parts = []
        for entry in self.ordered(node, role):
            value = self.inline(entry.value, self.child_role(node, role, entry))
            if entry.key is None:
                parts.append(value)
            else:
                parts.append(
                    f"{self.scalar_one_line(entry.key, key_role(role), flow=True)}: {value}"
                )
        if node.kind == "seq":
            return "[" + ", ".join(parts) + "]"
        return "{" + ", ".join(parts) + "}"

    # Scalars.

    def scalar_one_line(self, s: Scalar, role: str, *, flow: bool) -> str:
        return scalar_text(s.value, s.style, role, flow)

    def scalar_entry(
        self,
        out: _Out,
        head: str,
        s: Scalar,
        indent: int,
        role: str,
        comment: Comment | None,
        at: int,
    ) -> None:
        if s.is_null:
            out.add(_with_comment(head, comment))
        elif s.is_block:
            self.block_scalar(out, head, s, indent, comment, at)
        elif s.multiline:
            lines = s.raw.split("\n")
            out.add(f"{head} {lines[0]}")
            pad = " " * (indent + 2)
            for line in lines[1:]:
                text = line.lstrip(" \t")
                if s.style is None:
                    text = text.rstrip(" \t")
                out.add(pad + text if text else "")
            out.lines[-1] = _with_comment(out.lines[-1], comment)
        else:
            out.add(_with_comment(f"{head} {self.scalar_one_line(s, role, flow=False)}", comment))

    def block_scalar(
        self, out: _Out, head: str, s: Scalar, indent: int, comment: Comment | None, at: int
    ) -> None:
        """A block scalar (``at``: where its entry starts, for the error)."""
        raw_lines = s.raw.split("\n")
        m = BLOCK_HEADER.fullmatch(raw_lines[0].rstrip())
        if m is None:  # pragma: no cover - the scanner accepted this header
            text = self.text
            line, col = text.count("\n", 0, at), at - (text.rfind("\n", 0, at) + 1)
            raise UnsupportedYAML("unreadable block scalar header", line + 1, col + 1)
        style, digit, chomp = m[1], m[2] or m[4], m[3]
        body = raw_lines[1:]
        if s.raw.endswith("\n"):
            body = body[:-1]
        if digit:
            n = s.parent_col + int(digit)
        else:
            n = next((len(ln) - len(ln.lstrip(" ")) for ln in body if ln.strip()), 0)
        content = [ln[n:] if len(ln) > n else "" for ln in body]
        if chomp != "+":
            while content and not content[-1].strip():
                content.pop()
        first = next((ln for ln in content if ln), "")
        indicator = "2" if first.startswith(" ") else ""
        out.add(_with_comment(f"{head} {style}{indicator}{chomp}", comment))
        pad = " " * (indent + 2)
        for ln in content:
            out.add(pad + ln if ln else "")
        out.keep = chomp == "+"


def _words(coll: Collection, role: str) -> str | None:
    """A flow list of one-line scalars with no comment, as :meth:`_Emitter.inline` writes
    it (its items of ``role``); None for any other collection."""
    if not coll.entries or coll.footer:
        return None
    parts = []
    for entry in coll.entries:
        value = entry.value
        if (
            value.__class__ is not Scalar
            or entry.key is not None
            or entry.leading
            or entry.trailing
            or entry.under
            or value.spans_lines
            or value.style in _BLOCK_STYLES
        ):
            return None
        parts.append("null" if value.is_null else scalar_text(value.value, value.style, role, True))
    return "[" + ", ".join(parts) + "]"


def _key(entry: Entry) -> str:
    return entry.key.value if entry.key is not None else ""


def _flowable(node: Node | Written) -> bool:
    """True when ``node`` can be written on one line with nothing lost."""
    if isinstance(node, Written):
        return False  # an event: always in block style
    if isinstance(node, Scalar):
        return not node.is_block and not node.multiline
    if node.footer:
        return False
    for entry in node.entries:
        if entry.leading or entry.trailing or entry.under or not _flowable(entry.value):
            return False
        if entry.key is not None and not _flowable(entry.key):
            return False
    return True
