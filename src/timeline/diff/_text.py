"""The changes as a review in the terminal: one line per event added, removed or changed,
each change of a changed event on an indented line below it.

``+`` marks what was added, ``-`` what was removed, ``~`` what changed. With ``color``,
additions are green, removals red, changes yellow, and a changed summary shows its removed
and added words in colour (without it, as ``[-removed-]{+added+}``).
"""

from __future__ import annotations

from timeline.diff._changes import Changes, EventChange, FieldChange, ItemChange
from timeline.diff._words import (
    Segment,
    field_text,
    setting_name,
    summary_line,
    trim_context,
    when_text,
    word_diff,
)
from timeline.model import Era, Event, Timeline

__all__ = ["render_text"]

_RED, _GREEN, _YELLOW, _BOLD, _DIM, _RESET = (
    "\033[31m",
    "\033[32m",
    "\033[33m",
    "\033[1m",
    "\033[2m",
    "\033[0m",
)
_MARK = {"added": "+", "removed": "-", "changed": "~"}
_COLOR = {"added": _GREEN, "removed": _RED, "changed": _YELLOW}


def render_text(changes: Changes, *, color: bool = False) -> str:
    """The review of ``changes``, ending with a newline; ``color`` adds terminal colours."""
    w = _Writer(color)
    old, new = changes.old, changes.new
    w.line(w.style(_BOLD, f"--- {old.path}"))
    w.line(w.style(_BOLD, f"+++ {new.path}"))
    if not changes:
        w.line("no changes")
        return w.text()
    w.line(summary_line(changes))
    if changes.events:
        w.line("")
        w.line(w.style(_BOLD, "events"))
        for c in changes.events:
            w.event(c, old, new)
    for name, items in (
        ("sources", changes.sources),
        ("groups", changes.groups),
        ("eras", changes.eras),
        ("views", changes.views),
    ):
        if items:
            w.line("")
            w.line(w.style(_BOLD, name))
            for item in items:
                w.item(item, old, new)
    if changes.settings:
        w.line("")
        w.line(w.style(_BOLD, "settings"))
        for f in changes.settings:
            w.line(w.mark("changed", f"{setting_name(f.field)}: {field_text(f, old, new)}"))
    return w.text()


def describe(e: Event) -> str:
    """An event in one line: ``15 March 2011 — Protests begin (claimed)``."""
    text = f"{when_text(e.when)} — {e.title}"
    if e.certainty.value != "reported":
        text += f" ({e.certainty.value})"
    return text


class _Writer:
    def __init__(self, color: bool) -> None:
        self.color = color
        self.lines: list[str] = []

    def line(self, text: str) -> None:
        self.lines.append(text)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def style(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def mark(self, kind: str, text: str) -> str:
        return self.style(_COLOR[kind], f"{_MARK[kind]} {text}")

    def event(self, c: EventChange, old: Timeline, new: Timeline) -> None:
        head = f"{c.id}: {describe(c.event)}"
        if c.matched_by not in (None, "id"):
            head += f" [matched by {c.matched_by}]"
        self.line(self.mark(c.kind, head))
        for f in c.fields:
            self.line("    " + self.field(f, c, old, new))

    def field(self, f: FieldChange, c: EventChange, old: Timeline, new: Timeline) -> str:
        if f.field == "summary" and isinstance(f.old, str) and isinstance(f.new, str):
            return f"{f.label}: {self.words(trim_context(word_diff(f.old, f.new)))}"
        if f.field == "id" and c.old is not None and c.new is not None:
            before = f"{f.old} (derived)" if c.old.id_derived else str(f.old)
            after = f"{f.new} (derived)" if c.new.id_derived else str(f.new)
            return f"{f.label}: {before} → {after}"
        text = f"{f.label}: {field_text(f, old, new)}"
        if f.field == "date" and f.narrowed:
            within = "within the old date"
            text = text[:-1] + f", {within})" if text.endswith(")") else text + f" ({within})"
        return text

    def words(self, segments: list[Segment]) -> str:
        out = []
        for tag, text in segments:
            if tag == "=":
                out.append(text)
            elif self.color:
                out.append(self.style(_RED if tag == "-" else _GREEN, text))
            else:
                out.append(f"[-{text}-]" if tag == "-" else f"{{+{text}+}}")
        return " ".join(out)

    def item(self, c: ItemChange, old: Timeline, new: Timeline) -> None:
        value = c.new or c.old
        if isinstance(value, Era):
            head = f"{c.key}: {when_text(value.when)}"
        else:
            title = getattr(value, "title", None) or getattr(value, "label", None)
            head = c.key if title is None or title == c.key else f"{c.key}: {title}"
        self.line(self.mark(c.kind, head))
        for f in c.fields:
            self.line(f"    {f.field}: {field_text(f, old, new)}")
