"""The changes as an updates and corrections note a newsroom can publish under its
chronology: "*Updated 30 November 2024:* added “…” (29 November 2024); corrected the date
of “…” from March 2011 to 15 March 2011."

The note says what a reader sees change: events added and removed, dates, titles,
summaries, certainty, milestones, sources, lanes and places, eras, and the chronology's
title and subtitle. Ids, tags, related links, views and settings a reader never sees are
left out (the text and JSON outputs have everything). User text is escaped as the Markdown
chronologies escape it, so it reads the same on GitHub, in pandoc and in MkDocs.
"""

from __future__ import annotations

import re

from timeline.dates import Date, When
from timeline.diff._changes import Changes, EventChange, FieldChange
from timeline.diff._words import when_text
from timeline.i18n.words import words
from timeline.model import Certainty, Era, Event, Source, Timeline

__all__ = ["escape", "render_markdown"]

_BACKSLASHED = frozenset("\\`*_{}[]#")
_REFERENCES = {"<": "&lt;", ">": "&gt;", "|": "&#124;", "$": "&#36;", "~": "&#126;", "^": "&#94;"}
_SPECIAL = re.compile(r"[\\`*_{}\[\]#<>|$~^]|&(?=#?[0-9A-Za-z]+;)|(?<!\w)@")


def _replace(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _BACKSLASHED:
        return "\\" + ch
    if ch == "&":
        return "&amp;"
    if ch == "@":
        return "&#64;"
    return _REFERENCES[ch]


def escape(text: str) -> str:
    """User text as inline Markdown that shows exactly that text (the rules of the Markdown
    chronologies: backslashes where all three renderers accept them, character references
    elsewhere)."""
    return _SPECIAL.sub(_replace, text)


def render_markdown(changes: Changes, *, updated: Date) -> str:
    """The note, one paragraph ending with a newline; empty when no change shows."""
    clauses = _Clauses(changes.old, changes.new)
    clauses.events(changes)
    clauses.items(changes)
    clauses.settings(changes)
    if not clauses.out:
        return ""
    return f"*Updated {escape(when_text(When(updated)))}:* {'; '.join(clauses.out)}.\n"


def _quoted(title: str) -> str:
    # Quotation marks in the title become the inner ones: never two side by side.
    return escape(words("en").quoted(title))


def _named(e: Event) -> str:
    return f"{_quoted(e.title)} ({escape(when_text(e.when))})"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _source_name(s: Source | None, sid: str) -> str:
    if s is None:
        return escape(sid)
    return f"{escape(s.publisher)}, {_quoted(s.title)}" if s.publisher else _quoted(s.title)


class _Clauses:
    def __init__(self, old: Timeline, new: Timeline) -> None:
        self.old = old
        self.new = new
        self.out: list[str] = []

    def events(self, changes: Changes) -> None:
        added = [_named(c.event) for c in changes.events if c.kind == "added"]
        if added:
            self.out.append("added " + _and(added))
        for c in changes.events:
            if c.kind == "changed":
                for f in c.fields:
                    clause = self.event_field(c, f)
                    if clause:
                        self.out.append(clause)
        removed = [_named(c.event) for c in changes.events if c.kind == "removed"]
        if removed:
            self.out.append("removed " + _and(removed))

    def event_field(self, c: EventChange, f: FieldChange) -> str | None:
        title = _quoted(c.event.title)
        old, new = f.old, f.new
        if f.field == "date" and isinstance(old, When) and isinstance(new, When):
            before, after = escape(when_text(old)), escape(when_text(new))
            if f.narrowed and f.precision == "gained":
                return f"gave a more precise date for {title}: {after} (previously {before})"
            return f"corrected the date of {title} from {before} to {after}"
        if f.field == "title" and isinstance(old, str):
            return f"corrected the title {_quoted(old)} to {title}"
        if f.field == "summary":
            return f"updated the summary of {title}"
        if f.field == "certainty" and isinstance(old, Certainty) and isinstance(new, Certainty):
            if new is Certainty.CONFIRMED:
                return f"confirmed {title} (previously {old.value})"
            return f"marked {title} as {new.value} (previously {old.value})"
        if f.field == "importance":
            if new == 3:
                return f"marked {title} as a milestone"
            if old == 3:
                return f"removed the milestone mark from {title}"
            return f"changed the importance of {title} from {old} to {new}"
        if f.field == "sources":
            return self.sources(title, f)
        if f.field == "group":
            return self.lanes(title, old, new)
        if f.field == "place":
            if old is None:
                return f"added the place of {title}: {escape(str(new))}"
            if new is None:
                return f"removed the place of {title}"
            return f"corrected the place of {title} from {escape(str(old))} to {escape(str(new))}"
        return None  # ids, tags and related events are not shown to readers

    def sources(self, title: str, f: FieldChange) -> str:
        parts = []
        if f.added:
            names = _and([_source_name(self.new.sources.get(s), s) for s in f.added])
            noun = "a source" if len(f.added) == 1 else f"{len(f.added)} sources"
            parts.append(f"added {noun} for {title}: {names}")
        if f.removed:
            names = _and([_source_name(self.old.sources.get(s), s) for s in f.removed])
            noun = "a source" if len(f.removed) == 1 else f"{len(f.removed)} sources"
            parts.append(f"removed {noun} from {title}: {names}")
        return "; ".join(parts)

    def lanes(self, title: str, old: object, new: object) -> str:
        before = self.old.groups.get(str(old)) if old is not None else None
        after = self.new.groups.get(str(new)) if new is not None else None
        if before is None and after is not None:
            return f"placed {title} in {escape(after.label)}"
        if after is None and before is not None:
            return f"took {title} out of {escape(before.label)}"
        assert before is not None
        assert after is not None
        return f"moved {title} from {escape(before.label)} to {escape(after.label)}"

    def items(self, changes: Changes) -> None:
        for c in changes.sources:
            if c.kind == "changed" and isinstance(c.new, Source):
                self.out.append(f"corrected the source {_source_name(c.new, c.key)}")
        for c in changes.groups:
            label = next((f for f in c.fields if f.field == "label"), None)
            if c.kind == "changed" and label is not None:
                old, new = escape(str(label.old)), escape(str(label.new))
                self.out.append(f"renamed the lane {old} to {new}")
        for c in changes.eras:
            if c.kind == "added" and isinstance(c.new, Era):
                span = escape(when_text(c.new.when))
                self.out.append(f"added the era {_quoted(c.key)} ({span})")
            elif c.kind == "removed":
                self.out.append(f"removed the era {_quoted(c.key)}")
            else:
                date = next((f for f in c.fields if f.field == "date"), None)
                if date is not None and isinstance(date.old, When) and isinstance(date.new, When):
                    before, after = escape(when_text(date.old)), escape(when_text(date.new))
                    self.out.append(
                        f"corrected the dates of the era {_quoted(c.key)} from {before} to {after}"
                    )

    def settings(self, changes: Changes) -> None:
        for f in changes.settings:
            if f.field == "title":
                self.out.append(f"retitled the chronology {_quoted(str(f.new))}")
            elif f.field == "subtitle":
                self.out.append("changed the subtitle" if f.new else "removed the subtitle")
