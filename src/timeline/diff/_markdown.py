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
from timeline.i18n.notes import NoteWords, note_words
from timeline.i18n.phrases import when_phrase
from timeline.i18n.words import Words, words
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


def render_markdown(changes: Changes, *, updated: Date, locale: str = "en") -> str:
    """The note in ``locale``'s words and dates, one paragraph ending with a newline; empty
    when no change shows."""
    clauses = _Clauses(changes.old, changes.new, locale)
    clauses.events(changes)
    clauses.items(changes)
    clauses.settings(changes)
    if not clauses.out:
        return ""
    w, nw = clauses.w, clauses.nw
    head = nw.updated.format(clauses.when(When(updated)))
    return f"*{head}{w.colon.rstrip()}* {w.semicolon.join(clauses.out)}.\n"


def _quoted(title: str, locale: str = "en") -> str:
    # Quotation marks in the title become the inner ones: never two side by side.
    return escape(words(locale).quoted(title))


class _Clauses:
    def __init__(self, old: Timeline, new: Timeline, locale: str) -> None:
        self.old = old
        self.new = new
        self.locale = locale
        self.w: Words = words(locale)
        self.nw: NoteWords = note_words(locale)
        self.out: list[str] = []

    def when(self, when: When) -> str:
        return escape(when_phrase(when, locale=self.locale))

    def quoted(self, title: str) -> str:
        return _quoted(title, self.locale)

    def named(self, e: Event) -> str:
        return f"{self.quoted(e.title)} ({self.when(e.when)})"

    def joined(self, items: list[str]) -> str:
        if len(items) == 1:
            return items[0]
        return self.w.comma.join(items[:-1]) + self.nw.and_ + items[-1]

    def source_name(self, s: Source | None, sid: str) -> str:
        if s is None:
            return escape(sid)
        if s.publisher:
            return f"{escape(s.publisher)}{self.w.comma}{self.quoted(s.title)}"
        return self.quoted(s.title)

    def certainty(self, value: Certainty) -> str:
        return self.nw.certainties[value.value]

    def events(self, changes: Changes) -> None:
        nw = self.nw
        added = [self.named(c.event) for c in changes.events if c.kind == "added"]
        if added:
            self.out.append(nw.added.format(self.joined(added)))
        for c in changes.events:
            if c.kind == "changed":
                for f in c.fields:
                    clause = self.event_field(c, f)
                    if clause:
                        self.out.append(clause)
        removed = [self.named(c.event) for c in changes.events if c.kind == "removed"]
        if removed:
            self.out.append(nw.removed.format(self.joined(removed)))

    def event_field(self, c: EventChange, f: FieldChange) -> str | None:
        nw = self.nw
        title = self.quoted(c.event.title)
        old, new = f.old, f.new
        if f.field == "date" and isinstance(old, When) and isinstance(new, When):
            before, after = self.when(old), self.when(new)
            if f.narrowed and f.precision == "gained":
                return nw.more_precise.format(title=title, before=before, after=after)
            return nw.redated.format(title=title, before=before, after=after)
        if f.field == "title" and isinstance(old, str):
            return nw.retitled.format(title=title, before=self.quoted(old))
        if f.field == "summary":
            return nw.summary.format(title=title)
        if f.field == "certainty" and isinstance(old, Certainty) and isinstance(new, Certainty):
            before, after = self.certainty(old), self.certainty(new)
            if new is Certainty.CONFIRMED:
                return nw.confirmed.format(title=title, before=before)
            return nw.certainty.format(title=title, before=before, after=after)
        if f.field == "importance":
            if new == 3:
                return nw.milestone.format(title=title)
            if old == 3:
                return nw.not_milestone.format(title=title)
            return nw.importance.format(title=title, before=old, after=new)
        if f.field == "sources":
            return self.sources(title, f)
        if f.field == "group":
            return self.lanes(title, old, new)
        if f.field == "place":
            if old is None:
                return nw.place_added.format(title=title, after=escape(str(new)))
            if new is None:
                return nw.place_removed.format(title=title)
            return nw.place_changed.format(
                title=title, before=escape(str(old)), after=escape(str(new))
            )
        return None  # ids, tags and related events are not shown to readers

    def sources(self, title: str, f: FieldChange) -> str:
        nw = self.nw
        parts = []
        if f.added:
            names = self.joined([self.source_name(self.new.sources.get(s), s) for s in f.added])
            one = len(f.added) == 1
            template = nw.source_added if one else nw.sources_added
            parts.append(template.format(title=title, names=names, n=len(f.added)))
        if f.removed:
            names = self.joined([self.source_name(self.old.sources.get(s), s) for s in f.removed])
            one = len(f.removed) == 1
            template = nw.source_removed if one else nw.sources_removed
            parts.append(template.format(title=title, names=names, n=len(f.removed)))
        return self.w.semicolon.join(parts)

    def lanes(self, title: str, old: object, new: object) -> str:
        before = self.old.groups.get(str(old)) if old is not None else None
        after = self.new.groups.get(str(new)) if new is not None else None
        nw = self.nw
        if before is None and after is not None:
            return nw.placed.format(title=title, after=escape(after.label))
        if after is None and before is not None:
            return nw.taken_out.format(title=title, before=escape(before.label))
        assert before is not None
        assert after is not None
        return nw.moved.format(title=title, before=escape(before.label), after=escape(after.label))

    def items(self, changes: Changes) -> None:
        nw = self.nw
        for c in changes.sources:
            if c.kind == "changed" and isinstance(c.new, Source):
                self.out.append(nw.source_corrected.format(self.source_name(c.new, c.key)))
        for c in changes.groups:
            label = next((f for f in c.fields if f.field == "label"), None)
            if c.kind == "changed" and label is not None:
                old, new = escape(str(label.old)), escape(str(label.new))
                self.out.append(nw.lane_renamed.format(before=old, after=new))
        for c in changes.eras:
            title = self.quoted(c.key)
            if c.kind == "added" and isinstance(c.new, Era):
                self.out.append(nw.era_added.format(title=title, after=self.when(c.new.when)))
            elif c.kind == "removed":
                self.out.append(nw.era_removed.format(title=title))
            else:
                date = next((f for f in c.fields if f.field == "date"), None)
                if date is not None and isinstance(date.old, When) and isinstance(date.new, When):
                    before, after = self.when(date.old), self.when(date.new)
                    self.out.append(nw.era_redated.format(title=title, before=before, after=after))

    def settings(self, changes: Changes) -> None:
        nw = self.nw
        for f in changes.settings:
            if f.field == "title":
                self.out.append(nw.retitled_chronology.format(self.quoted(str(f.new))))
            elif f.field == "subtitle":
                self.out.append(nw.subtitle_changed if f.new else nw.subtitle_removed)
