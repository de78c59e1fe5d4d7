"""Write a :class:`Draft` as readable ``timeline.yaml`` text, and prove it reads back.

The writer is our own, small and strict: keys in the documented order, 2-space indent,
plain scalars only where no YAML reader could take them for anything but that text (no
``yes``/``no``/``null``/numbers, no ``: `` or `` #``), long plain text folded at spaces, text
with line breaks as ``|-`` blocks, and everything else double-quoted with escapes. Dates
stay plain (``date: 2011-03-15``) because the format reads every date as text.

:func:`render` then loads the text with :func:`timeline.check_bytes` and compares every
field with the draft; if anything differs it writes again with every text double-quoted,
and refuses (raises) if even that does not read back.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from timeline.errors import Diagnostic
from timeline.formats._draft import Draft, DraftEvent, ImportFailed
from timeline.loader.build import FORMAT
from timeline.loader.validate import check_bytes
from timeline.model import Timeline

__all__ = ["EVENT_KEYS", "dump", "render"]

#: The order of an event's keys in the file.
EVENT_KEYS = tuple(FORMAT["event"])
#: Keys whose values the format always reads as text and which are clearer unquoted.
_PLAIN_KEYS = frozenset({"date", "end", "as_of", "from", "to", "importance", "min_importance"})
_WIDTH = 100
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_SPECIAL = frozenset(",[]{}")
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


def dump(draft: Draft, *, safe: bool = False) -> str:
    """The draft as ``timeline.yaml`` text; ``safe`` double-quotes every text value."""
    w = _Writer(safe)
    w.entry(0, "title", draft.title)
    for key, value in (
        ("subtitle", draft.subtitle),
        ("as_of", draft.as_of),
        ("locale", draft.locale),
        ("timezone", draft.timezone),
    ):
        if value is not None:
            w.entry(0, key, value)
    if draft.sources:
        w.section("sources")
        for sid, fields in draft.sources.items():
            w.mapping(2, sid, fields, ("title", "publisher", "date", "url", "note"))
    if draft.groups:
        w.section("groups")
        for gid, fields in draft.groups.items():
            w.mapping(2, gid, fields, ("label", "color"))
    if draft.eras:
        w.section("eras")
        for era in draft.eras:
            w.item(2, [(k, era[k]) for k in ("title", "date", "end", "color") if k in era])
    w.blank()
    if draft.events:
        w.lines.append("events:")
        for i, event in enumerate(draft.events):
            if i:
                w.blank()
            w.item(2, _event_fields(event))
    else:
        w.lines.append("events: []")
    if draft.views:
        w.section("views")
        order = ("title", "subtitle", "from", "to", "groups", "tags", "min_importance")
        for name, view in draft.views.items():
            w.mapping(2, name, view, order)
    return "\n".join(w.lines) + "\n"


def _event_fields(e: DraftEvent) -> list[tuple[str, str | list[str]]]:
    values: dict[str, str | list[str] | int | None] = {
        "id": e.id,
        "date": e.date,
        "end": e.end,
        "title": e.title,
        "summary": e.summary,
        "group": e.group,
        "place": e.place,
        "tags": e.tags,
        "sources": e.sources,
        "certainty": e.certainty,
        "importance": e.importance,
        "related": e.related,
    }
    out: list[tuple[str, str | list[str]]] = []
    for key in EVENT_KEYS:
        value = values[key]
        if value is None or value == []:
            continue
        out.append((key, str(value) if isinstance(value, int) else value))
    return out


class _Writer:
    def __init__(self, safe: bool) -> None:
        self.safe = safe
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def section(self, name: str) -> None:
        self.blank()
        self.lines.append(f"{name}:")

    def entry(self, indent: int, key: str, value: str | Sequence[str], prefix: str = "") -> None:
        """``key: value`` at ``indent``; ``prefix`` replaces the indent's last characters
        (``- `` for the first key of a list item)."""
        lead = " " * (indent - len(prefix)) + prefix + _key(key) + ":"
        if isinstance(value, str):
            first, *more = _scalar(value, key, indent + 2, lead_len=len(lead) + 1, safe=self.safe)
            self.lines.append(f"{lead} {first}" if first else lead)
            self.lines.extend(more)
            return
        flow = _flow_list(value, self.safe)
        if len(lead) + 1 + len(flow) <= _WIDTH:
            self.lines.append(f"{lead} {flow}")
            return
        self.lines.append(lead)
        for item in value:
            first, *more = _scalar(item, "", indent + 4, lead_len=indent + 4, safe=self.safe)
            self.lines.append(" " * (indent + 2) + "- " + first)
            self.lines.extend(more)

    def mapping(
        self,
        indent: int,
        name: str,
        fields: dict[str, str] | dict[str, str | list[str]],
        order: tuple[str, ...],
    ) -> None:
        self.lines.append(" " * indent + _key(name) + ":")
        for key in order:
            if key in fields:
                self.entry(indent + 2, key, fields[key])

    def item(self, indent: int, fields: list[tuple[str, str | list[str]]]) -> None:
        for i, (key, value) in enumerate(fields):
            self.entry(indent + 2, key, value, prefix="- " if i == 0 else "")


def _key(name: str) -> str:
    return name if _plain_ok(name, flow=False) else _double(name)


def _plain_ok(text: str, *, flow: bool, date: bool = False) -> bool:
    """True when ``text`` written plain reads back as exactly this text, in any YAML reader
    (dates excepted: the format reads them as text, and they are clearer unquoted)."""
    if not text or text != text.strip() or not text.isprintable():
        return False
    if text[0] in _INDICATORS and not (date and text == ".."):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and not _FLOW_SPECIAL.isdisjoint(text):
        return False
    if date:
        return True
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


def _scalar(text: str, key: str, indent: int, *, lead_len: int, safe: bool) -> list[str]:
    """The lines of one scalar value: the first goes after ``key:``, the others are whole
    lines indented by ``indent``."""
    if safe:
        return [_double(text)]
    if _plain_ok(text, flow=False, date=key in _PLAIN_KEYS):
        if lead_len + len(text) <= _WIDTH:
            return [text]
        return _folded(text, indent, lead_len)
    if "\n" in text and _literal_ok(text):
        pad = " " * indent
        return ["|-", *(pad + line if line else "" for line in text.split("\n"))]
    return [_double(text)]


def _folded(text: str, indent: int, lead_len: int) -> list[str]:
    """A long plain scalar over several lines, broken at single spaces. A break is made only
    before a word that cannot be mistaken for YAML syntax at the start of a line."""
    words = text.split(" ")
    if any(not w for w in words):
        return [text]  # runs of spaces would fold into one: keep it on one line
    lines: list[str] = []
    current = words[0]
    room = _WIDTH - lead_len
    for word in words[1:]:
        if len(current) + 1 + len(word) > room and word[0] not in _INDICATORS:
            lines.append(current)
            current = word
            room = _WIDTH - indent
        else:
            current += " " + word
    lines.append(current)
    return [lines[0], *(" " * indent + line for line in lines[1:])]


def _literal_ok(text: str) -> bool:
    """True when a ``|-`` block holds exactly ``text``: no space or line break at either end,
    no line ending in spaces, only printable characters."""
    if text != text.strip():
        return False
    return all(line == line.rstrip() and line.isprintable() for line in text.split("\n"))


def _flow_list(items: Sequence[str], safe: bool) -> str:
    parts = [item if not safe and _plain_ok(item, flow=True) else _double(item) for item in items]
    return "[" + ", ".join(parts) + "]"


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}


def _double(text: str) -> str:
    """A YAML double-quoted scalar: every character that is not printable escaped."""
    out = ['"']
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def render(draft: Draft, file: str) -> tuple[str, Timeline]:
    """The draft as ``timeline.yaml`` text and the chronology it loads as.

    Raises :class:`ImportFailed` when the text would not load without errors or would not
    mean exactly the draft (the importers check every field first, so this is a last guard).
    """
    problems: list[str] = []
    for safe in (False, True):
        text = dump(draft, safe=safe)
        report = check_bytes(text.encode("utf-8"), file)
        if report.errors or report.timeline is None:
            problems = [str(d) for d in report.errors]
            continue
        problems = _differences(draft, report.timeline)
        if not problems:
            return text, report.timeline
    raise ImportFailed(
        [
            Diagnostic(file, 1, 1, "error", f"the imported chronology would not be valid: {p}")
            for p in problems
        ]
    )


def _differences(draft: Draft, t: Timeline) -> list[str]:
    """Every field where the loaded chronology differs from the draft."""
    out: list[str] = []

    def same(what: str, got: object, want: object) -> None:
        if got != want:
            out.append(f"{what}: wrote {want!r}, read back {got!r}")

    same("title", t.title, draft.title)
    same("subtitle", t.subtitle, draft.subtitle)
    if draft.as_of is not None:
        same("as_of", t.as_of.text, draft.as_of)
    same("locale", t.locale, draft.locale or "en")
    same("timezone", t.timezone, draft.timezone or "UTC")
    same("source ids", list(t.sources), list(draft.sources))
    for sid, src in t.sources.items():
        want = draft.sources.get(sid, {})
        for name in ("title", "publisher", "url", "note"):
            same(f"source {sid} {name}", getattr(src, name), want.get(name))
        same(f"source {sid} date", src.date.text if src.date else None, want.get("date"))
    same("group ids", list(t.groups), list(draft.groups))
    for gid, group in t.groups.items():
        want = draft.groups.get(gid, {})
        same(f"group {gid} label", group.label, want.get("label", gid))
        same(f"group {gid} color", group.color, want.get("color"))
    same("eras", len(t.eras), len(draft.eras))
    for era, want in zip(t.eras, draft.eras, strict=False):
        same("era title", era.title, want["title"])
        same("era color", era.color, want.get("color"))
    same("events", len(t.events), len(draft.events))
    for event, d in zip(t.events, draft.events, strict=False):
        what = f"event {d.id or d.title[:30]!r}"
        same(f"{what} id", event.id if d.id else None, d.id)
        same(f"{what} date", event.when.text, d.when().text)
        same(f"{what} title", event.title, d.title)
        same(f"{what} summary", event.summary, d.summary)
        same(f"{what} group", event.group, d.group)
        same(f"{what} place", event.place, d.place)
        same(f"{what} tags", list(event.tags), d.tags)
        same(f"{what} sources", list(event.sources), d.sources)
        same(f"{what} related", list(event.related), d.related)
        same(f"{what} certainty", event.certainty.value, d.certainty or "reported")
        same(f"{what} importance", event.importance, d.importance or 2)
    same("views", list(t.views), list(draft.views))
    return out
