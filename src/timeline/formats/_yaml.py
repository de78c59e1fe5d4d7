"""Write a :class:`Draft` as ``timeline.yaml`` text in the one canonical form.

The draft is written as the canonical writer (``fmt``) writes a chronology: keys in the
documented order, each value quoted only where the canonical form quotes it (text with line
breaks as ``|-`` blocks), events in the documented order. :func:`render` loads that text once
and compares every field with the draft. That the text is canonical (``timeline fmt --check``
passes on every import) is a property of this writer, proven by the test suite against
``fmt`` on every importer's cases and on random drafts, not proven again on every import:
that would read the whole text a second time with the formatter's reader.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from typing import Any

from timeline.errors import Diagnostic, shorten
from timeline.fmt._style import KEY_ORDER, scalar_text, value_role
from timeline.formats._draft import Draft, DraftEvent, ImportFailed
from timeline.loader.validate import check_bytes
from timeline.model import Timeline
from timeline.query import sort_key
from timeline.spec import FORMAT, event_id_base

__all__ = ["EVENT_KEYS", "dump", "render"]

#: The order of an event's keys in the file.
EVENT_KEYS = tuple(FORMAT["event"])
#: How the canonical form writes a scalar that was quoted: the style it is written in here
#: (only ``x-`` values keep their written style, and they are written as text).
_QUOTED = '"'


def dump(draft: Draft) -> str:
    """The draft as ``timeline.yaml`` text, laid out and quoted as the canonical writer
    lays out and quotes it, events in the draft's order."""
    top: list[list[str]] = []
    for key, value in (
        ("title", draft.title),
        ("subtitle", draft.subtitle),
        ("as_of", draft.as_of),
        ("locale", draft.locale),
        ("timezone", draft.timezone),
    ):
        if value is not None:
            w = _Writer()
            w.entry(0, key, value, "top")
            top.append(w.lines)
    for name, ids, kind in (
        ("sources", draft.sources, "source"),
        ("groups", draft.groups, "group"),
    ):
        if ids:
            w = _Writer(f"{name}:")
            for id_, fields in ids.items():
                w.mapping(2, id_, fields, kind)
            top.append(w.lines)
    if draft.eras:
        w = _Writer("eras:")
        for era in draft.eras:
            w.item(2, [(k, era[k]) for k in FORMAT["era"] if era.get(k)], "era")
        top.append(w.lines)
    if draft.events:
        w = _Writer("events:")
        for i, event in enumerate(draft.events):
            if i:
                w.lines.append("")
            w.item(2, _event_fields(event), "event")
        top.append(w.lines)
    else:
        top.append(["events: []"])
    if draft.views:
        w = _Writer("views:")
        for name, view in draft.views.items():
            w.mapping(2, name, view, "view")
        top.append(w.lines)
    if draft.translations:
        w = _Writer("translations:")
        w.translations(2, draft.translations, "top")
        top.append(w.lines)
    # As the canonical form: a blank line between top-level keys when either spans lines.
    lines: list[str] = []
    for i, entry in enumerate(top):
        if i and (len(entry) > 1 or len(top[i - 1]) > 1):
            lines.append("")
        lines.extend(entry)
    return "\n".join(lines) + "\n"


def _event_fields(e: DraftEvent) -> list[tuple[str, str | list[str]]]:
    values: dict[str, Any] = {
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
        "translations": e.translations,
    }
    out: list[tuple[str, Any]] = []
    for key in EVENT_KEYS:
        value = values[key]
        if value is None or value == [] or value == {}:
            continue
        out.append((key, str(value) if isinstance(value, int) else value))
    out.extend(e.extensions.items())
    return out


class _Writer:
    """Lines of one top-level entry; ``role`` names the kind of mapping a key is in (the
    canonical writer's roles: ``event``, ``source``, ``translation.event``...)."""

    def __init__(self, *lines: str) -> None:
        self.lines: list[str] = list(lines)

    def entry(self, indent: int, key: str, value: Any, role: str, prefix: str = "") -> None:
        """``key: value`` at ``indent``; ``prefix`` replaces the indent's last characters
        (``- `` for the first key of a list item)."""
        lead = _lead(indent, prefix, key)
        if isinstance(value, str):
            if "\n" in value and _literal_ok(value):
                self.lines.append(f"{lead} |-")
                pad = " " * (indent + 2)
                self.lines.extend(pad + line if line else "" for line in value.split("\n"))
            else:
                role = value_role(role, key, False)
                self.lines.append(f"{lead} {scalar_text(value, _QUOTED, role, flow=False)}")
        elif isinstance(value, dict):  # translations: locale -> key -> text
            self.lines.append(lead)
            self.translations(indent + 2, value, role)
        else:
            items = ", ".join(scalar_text(item, _QUOTED, "text", flow=True) for item in value)
            self.lines.append(f"{lead} [{items}]")

    def mapping(self, indent: int, name: str, fields: Mapping[str, Any], role: str) -> None:
        self.lines.append(" " * indent + _key(name) + ":")
        for key in KEY_ORDER[role]:
            if fields.get(key):
                self.entry(indent + 2, key, fields[key], role)

    def translations(self, indent: int, value: dict[str, dict[str, str]], kind: str) -> None:
        """``translations``' locales at ``indent``, each with its texts in the order of the
        keys they translate."""
        role = f"translation.{kind}"
        order = {key: i for i, key in enumerate(KEY_ORDER[role])}
        for locale, texts in value.items():
            self.lines.append(" " * indent + _key(locale) + ":")
            for key in sorted(texts, key=lambda k: order.get(k, len(order))):
                self.entry(indent + 2, key, texts[key], role)

    def item(self, indent: int, fields: list[tuple[str, Any]], role: str) -> None:
        for i, (key, value) in enumerate(fields):
            self.entry(indent + 2, key, value, role, prefix="- " if i == 0 else "")


def _key(name: str) -> str:
    return scalar_text(name, _QUOTED, "text", flow=False)


@functools.lru_cache(maxsize=1024)  # a few keys at a few indents
def _lead(indent: int, prefix: str, key: str) -> str:
    """``key:`` at ``indent``, ``prefix`` (``- ``) replacing the indent's last characters."""
    return " " * (indent - len(prefix)) + prefix + _key(key) + ":"


def _literal_ok(text: str) -> bool:
    """True when a ``|-`` block holds exactly ``text``: no space or line break at either end,
    no line ending in spaces, only printable characters."""
    if text != text.strip():
        return False
    return all(line == line.rstrip() and line.isprintable() for line in text.split("\n"))


def render(draft: Draft, file: str) -> tuple[str, Timeline]:
    """The draft as canonical ``timeline.yaml`` text and the chronology it loads as.

    The draft is written in the canonical form, loaded and compared field by field with the
    draft; when the documented order of events differs from the draft's, it is written and
    checked again in that order (as ``fmt`` sorts, it keeps events that have no id and share
    a date and title in the order written, so their made-up ids stay theirs). Raises
    :class:`ImportFailed` when the text would not load without errors or would not mean
    exactly the draft (the importers check every field first, so this is a last guard).
    """
    text = dump(draft)
    timeline = _checked(draft, text, file)
    order = _sorted_order(timeline)
    if order is not None:
        draft = dataclasses.replace(draft, events=[draft.events[i] for i in order])
        text = dump(draft)
        timeline = _checked(draft, text, file)
    return text, timeline


def _checked(draft: Draft, text: str, file: str) -> Timeline:
    """The chronology ``text`` loads as, once it is known to load without errors as
    exactly ``draft``."""
    report = check_bytes(text.encode("utf-8"), file)
    if report.errors or report.timeline is None:
        problems = [str(d) for d in report.errors]
    else:
        problems = _differences(draft, report.timeline)
    if problems:
        raise ImportFailed(
            [
                Diagnostic(file, 1, 1, "error", f"the imported chronology would not be valid: {p}")
                for p in problems
            ]
        )
    assert report.timeline is not None  # no errors
    return report.timeline


def _sorted_order(t: Timeline) -> list[int] | None:
    """The events' indices in the documented order, or None when that is the order they
    are in, or when sorting would swap the ids made for events written without one that
    share a date and title (the canonical writer keeps such events as written)."""
    order = sorted(range(len(t.events)), key=lambda i: sort_key(t, t.events[i]))
    if all(i == at for at, i in enumerate(order)):
        return None
    last: dict[str, int] = {}
    for i in order:
        event = t.events[i]
        if event.id_derived:
            base = event_id_base(event.when.start.text, event.title)
            if last.get(base, -1) > i:
                return None
            last[base] = i
    return order


def _differences(draft: Draft, t: Timeline) -> list[str]:
    """Every field where the loaded chronology differs from the draft."""
    out: list[str] = []

    def same(what: str, got: object, want: object) -> None:
        if got != want:
            out.append(f"{what}: wrote {want!r}, read back {got!r}")

    same("title", t.title, draft.title)
    same("subtitle", t.subtitle, draft.subtitle)
    same("translations", t.translations, draft.translations)
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
        same(f"group {gid} translations", group.translations, want.get("translations", {}))
    same("eras", len(t.eras), len(draft.eras))
    for era, want in zip(t.eras, draft.eras, strict=False):
        same("era title", era.title, want["title"])
        same("era color", era.color, want.get("color"))
        same("era translations", era.translations, want.get("translations", {}))
    same("events", len(t.events), len(draft.events))
    names = (
        "id",
        "date",
        "title",
        "summary",
        "group",
        "place",
        "tags",
        "sources",
        "related",
        "certainty",
        "importance",
        "translations",
    )
    for event, d in zip(t.events, draft.events, strict=False):
        got = (
            event.id if d.id else None,
            event.when.text,
            event.title,
            event.summary,
            event.group,
            event.place,
            list(event.tags),
            list(event.sources),
            list(event.related),
            event.certainty.value,
            event.importance,
            event.translations,
        )
        wrote = (
            d.id,
            d.when().text,
            d.title,
            d.summary,
            d.group,
            d.place,
            d.tags,
            d.sources,
            d.related,
            d.certainty or "reported",
            d.importance or 2,
            d.translations,
        )
        if got != wrote:
            what = f"event {d.id or shorten(d.title, 30)!r}"
            for name, a, b in zip(names, got, wrote, strict=True):
                same(f"{what} {name}", a, b)
    same("views", list(t.views), list(draft.views))
    for name, view in t.views.items():
        want = draft.views.get(name, {})
        same(f"view {name} translations", view.translations, want.get("translations", {}))
    return out
