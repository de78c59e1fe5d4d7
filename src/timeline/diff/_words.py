"""How changes are put into words: values as people read them, summary lines, word diffs.

The review outputs (text, Markdown, log) are written in English; dates in them are written
as the text chronologies write English dates ("March 2011", "since 30 September 2015").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Literal

from timeline.dates import Date, When
from timeline.diff._changes import Changes, FieldChange, ItemChange
from timeline.i18n.phrases import when_phrase
from timeline.i18n.words import words
from timeline.model import Certainty, Timeline

__all__ = [
    "Segment",
    "count",
    "field_text",
    "summary_line",
    "value_text",
    "when_text",
    "word_diff",
]

#: A piece of a word diff: kept ("="), removed ("-") or added ("+") text.
Segment = tuple[Literal["=", "-", "+"], str]


def when_text(when: When) -> str:
    """A date or period as words: ``15 March 2011``, ``since 30 September 2015``."""
    return when_phrase(when)


def count(n: int, noun: str) -> str:
    """``1 event``, ``2 events``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def value_text(name: str, value: object, timeline: Timeline | None = None) -> str:
    """One value of key ``name`` as a reader would want to see it."""
    if value is None or value == ():
        return "none"
    if isinstance(value, When):
        return when_text(value)
    if isinstance(value, Date):
        return when_text(When(value))
    if isinstance(value, Certainty):
        return value.value
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if name == "group" and timeline is not None and value in timeline.groups:
        return timeline.groups[str(value)].label
    if name == "importance" and value == 3:
        return "3 (milestone)"
    if isinstance(value, str) and name in ("title", "subtitle", "label", "note", "summary"):
        return words("en").quoted(value)
    return str(value)


def field_text(change: FieldChange, old: Timeline | None, new: Timeline | None) -> str:
    """``old → new`` for one changed key; lists say what was added and removed."""
    if isinstance(change.old, tuple) or isinstance(change.new, tuple):
        if change.field.endswith("_order"):
            return f"{value_text('', change.old)} → {value_text('', change.new)}"
        parts = [f"+{x}" for x in change.added] + [f"−{x}" for x in change.removed]
        return " ".join(parts)
    text = (
        f"{value_text(change.field, change.old, old)} → {value_text(change.field, change.new, new)}"
    )
    if change.precision is not None:
        text += f" (precision {change.precision})"
    return text


def word_diff(old: str, new: str) -> list[Segment]:
    """The words of ``old`` and ``new`` as kept, removed and added runs."""
    a, b = old.split(), new.split()
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out


def trim_context(segments: list[Segment], words: int = 4) -> list[Segment]:
    """Kept runs shortened to ``words`` words either side of a change (``…`` for the rest)."""
    out: list[Segment] = []
    last = len(segments) - 1
    for i, (tag, text) in enumerate(segments):
        if tag != "=":
            out.append((tag, text))
            continue
        parts = text.split(" ")
        # Eliding fewer than three words saves nothing worth the ellipsis.
        if i == 0 and len(parts) > words + 2:
            text = "… " + " ".join(parts[-words:])
        elif i == last and len(parts) > words + 2:
            text = " ".join(parts[:words]) + " …"
        elif 0 < i < last and len(parts) > 2 * words + 2:
            text = " ".join(parts[:words]) + " … " + " ".join(parts[-words:])
        out.append((tag, text))
    return out


def _event_classes(changes: Changes) -> dict[str, list[str]]:
    classes: dict[str, list[str]] = {}
    for c in changes.events:
        if c.kind != "changed":
            classes.setdefault(c.kind, []).append(c.id)
            continue
        for f in c.fields:
            classes.setdefault(f.label, []).append(c.id)
    return classes


def _section(name: str, items: Iterable[ItemChange]) -> str | None:
    """``1 source added, 2 changed``."""
    kinds = [c.kind for c in items]
    parts = [f"{kinds.count(k)} {k}" for k in ("added", "removed", "changed") if k in kinds]
    if not parts:
        return None
    first = int(parts[0].split()[0])
    parts[0] = f"{count(first, name[:-1])} {parts[0].split()[1]}"
    return ", ".join(parts)


def summary_line(changes: Changes, *, limit: int = 3) -> str:
    """Every kind of change in one line: ``added siege; redated protests; 1 source added``.

    Up to ``limit`` event ids are named per kind; more are counted.
    """
    parts = []
    order = ["added", "removed", *_LABEL_ORDER]
    classes = _event_classes(changes)
    for label in sorted(classes, key=order.index):
        ids = classes[label]
        named = ", ".join(ids) if len(ids) <= limit else count(len(ids), "event")
        parts.append(f"{label}: {named}")
    for name, items in (
        ("sources", changes.sources),
        ("groups", changes.groups),
        ("eras", changes.eras),
        ("views", changes.views),
    ):
        text = _section(name, items)
        if text:
            parts.append(text)
    parts += [f"{_SETTING_NAMES.get(f.field, f.field)} changed" for f in changes.settings]
    return "; ".join(parts) if parts else "no changes"


_LABEL_ORDER = [
    "renamed",
    "redated",
    "retitled",
    "summary changed",
    "certainty changed",
    "importance changed",
    "sources changed",
    "moved",
    "place changed",
    "tags changed",
    "related changed",
]

_SETTING_NAMES = {"group_order": "lane order", "view_order": "view order"}


def setting_name(field: str) -> str:
    """What a top-level change is called: ``as_of``, ``lane order``."""
    return _SETTING_NAMES.get(field, field)
