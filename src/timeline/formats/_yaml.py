"""Write a :class:`Draft` as ``timeline.yaml`` text through the one canonical writer.

The draft is laid out with keys in the documented order and every text value quoted (text
with line breaks as ``|-`` blocks); :func:`render` loads that text, compares every field
with the draft, and passes it through ``fmt``'s canonical writer, which decides quoting and
layout for imports exactly as for hand-written files and proves the result means the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from timeline.errors import Diagnostic, shorten
from timeline.fmt import FormatError, FormatMode, UnsafeFormat, format_loaded
from timeline.fmt._style import plain_ok, quote, reads_as_text
from timeline.formats._draft import Draft, DraftEvent, ImportFailed
from timeline.loader._nodes import Node
from timeline.loader.validate import Report, check_read
from timeline.model import Timeline
from timeline.spec import FORMAT

__all__ = ["EVENT_KEYS", "dump", "render"]

#: The order of an event's keys in the file.
EVENT_KEYS = tuple(FORMAT["event"])
#: Keys whose values the format always reads as text and which are clearer unquoted.
_PLAIN_KEYS = frozenset(
    {"date", "end", "as_of", "from", "to", "importance", "min_importance", "omit_below", "size"}
)


def dump(draft: Draft) -> str:
    """The draft as ``timeline.yaml`` text, every value quoted (before the canonical
    writer's pass: see :func:`render`)."""
    w = _Writer()
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
            w.mapping(2, gid, fields, tuple(FORMAT["group"]))
    if draft.eras:
        w.section("eras")
        for era in draft.eras:
            w.item(2, [(k, era[k]) for k in FORMAT["era"] if era.get(k)])
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
        for name, view in draft.views.items():
            w.mapping(2, name, view, tuple(FORMAT["view"]))
    if draft.translations:
        w.section("translations")
        w.translations(2, draft.translations)
    return "\n".join(w.lines) + "\n"


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
    def __init__(self) -> None:
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def section(self, name: str) -> None:
        self.blank()
        self.lines.append(f"{name}:")

    def entry(self, indent: int, key: str, value: Any, prefix: str = "") -> None:
        """``key: value`` at ``indent``; ``prefix`` replaces the indent's last characters
        (``- `` for the first key of a list item)."""
        lead = " " * (indent - len(prefix)) + prefix + _key(key) + ":"
        if isinstance(value, dict):  # translations: locale -> key -> text
            self.lines.append(lead)
            self.translations(indent + 2, value)
            return
        if isinstance(value, str):
            plain = key in _PLAIN_KEYS and plain_ok(value, flow=False)
            first, *more = [value] if plain else _scalar(value)
            self.lines.append(f"{lead} {first}")
            pad = " " * (indent + 2)
            self.lines.extend(pad + line if line else "" for line in more)
            return
        self.lines.append(f"{lead} [" + ", ".join(quote(item) for item in value) + "]")

    def mapping(
        self, indent: int, name: str, fields: Mapping[str, Any], order: tuple[str, ...]
    ) -> None:
        self.lines.append(" " * indent + _key(name) + ":")
        for key in order:
            if fields.get(key):
                self.entry(indent + 2, key, fields[key])

    def translations(self, indent: int, value: dict[str, dict[str, str]]) -> None:
        """``translations``' locales at ``indent``, each with its texts."""
        for locale, texts in value.items():
            self.lines.append(" " * indent + _key(locale) + ":")
            for key, text in texts.items():
                self.entry(indent + 2, key, text)

    def item(self, indent: int, fields: list[tuple[str, Any]]) -> None:
        for i, (key, value) in enumerate(fields):
            self.entry(indent + 2, key, value, prefix="- " if i == 0 else "")


def _key(name: str) -> str:
    return name if plain_ok(name, flow=False) and reads_as_text(name) else quote(name)


def _scalar(text: str) -> list[str]:
    """The lines of one scalar value: the first goes after ``key:``, the others are whole
    lines. Text with line breaks becomes a ``|-`` block when that holds it exactly; all other
    text is quoted here, and the canonical writer (``fmt``) then drops every quote it can."""
    if "\n" in text and _literal_ok(text):
        return ["|-", *text.split("\n")]
    return [quote(text)]


def _literal_ok(text: str) -> bool:
    """True when a ``|-`` block holds exactly ``text``: no space or line break at either end,
    no line ending in spaces, only printable characters."""
    if text != text.strip():
        return False
    return all(line == line.rstrip() and line.isprintable() for line in text.split("\n"))


def render(draft: Draft, file: str) -> tuple[str, Timeline]:
    """The draft as canonical ``timeline.yaml`` text and the chronology it loads as.

    The draft is written with every value quoted, loaded and compared field by field with
    the draft, then passed through ``fmt``'s canonical writer, which proves that its result
    means the same. So an import is always already formatted (``timeline fmt --check``
    passes on it). Raises :class:`ImportFailed` when the text would not load without errors
    or would not mean exactly the draft (the importers check every field first, so this is
    a last guard).
    """
    text = dump(draft)
    # Read once with the validator's reader: its nodes serve the check here and the
    # formatter's proof (which compares them with its result's), and the chronology the
    # proof loads from the result is the one returned: nothing is read twice.
    report, root = check_read(text.encode("utf-8"), file)
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
    return _canonical(text, report, root, file)


def _canonical(text: str, report: Report, root: Node | None, file: str) -> tuple[str, Timeline]:
    """``text`` in the canonical form and the chronology it loads as (which the formatter
    proved is the same as ``text``'s): sorted when that keeps every id, else in the order
    written (events without ids that share a date and title keep their numbering)."""
    for mode in (FormatMode(sort_events=True), FormatMode(sort_events=False)):
        try:
            # The text was just read and checked: the formatter does neither again.
            return format_loaded(text, report, root, mode=mode, file=file)
        except UnsafeFormat:
            raise
        except FormatError:
            continue
    assert report.timeline is not None  # checked by the caller
    return text, report.timeline


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
    for event, d in zip(t.events, draft.events, strict=False):
        what = f"event {d.id or shorten(d.title, 30)!r}"
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
        same(f"{what} translations", event.translations, d.translations)
    same("views", list(t.views), list(draft.views))
    for name, view in t.views.items():
        want = draft.views.get(name, {})
        same(f"view {name} translations", view.translations, want.get("translations", {}))
    return out
