"""``mermaid``: a Mermaid ``timeline`` diagram.

Events are written in date order as ``<date> : <title>``; events sharing a date label share
one period. Sections come from the eras (each event goes to the latest-starting era that
contains its start; events outside every era get a section named after their years) or,
without eras, from the groups in lane order (events without a group come last, under
"Other events"). Claimed and disputed events say so after their title.

Mermaid's timeline grammar gives ``:`` (event separator), ``#`` (comment), ``;`` (statement
end in older versions) and ``%`` (``%%`` starts a comment) a meaning inside entries, and
renders ``<...>`` as HTML. Each of these is written with Mermaid's own escape, ``#code;``
(the character's decimal code), which Mermaid turns back into the character after parsing:
the reader sees exactly the text of the file. So are ``¶`` and ``ﬂ``, which Mermaid uses as
markers while it does so. :data:`ESCAPED` lists them all; only line breaks and tabs, which
an entry of one line cannot carry, become spaces.
"""

from __future__ import annotations

from timeline.i18n.phrases import when_phrase
from timeline.model import Certainty, Event, Timeline, View

__all__ = ["ESCAPED", "export", "sanitise"]

#: Characters Mermaid would read as syntax (or uses as markers while it decodes its
#: escapes), each written as Mermaid's escape ``#code;`` with its decimal code.
ESCAPED = {ch: f"#{ord(ch)};" for ch in ":#;<>%¶ﬂ"}
_TABLE = str.maketrans(ESCAPED)
_INDENT = "    "


def sanitise(text: str) -> str:
    """``text`` on one line, every character Mermaid would misread written as its escape."""
    return " ".join(text.split()).translate(_TABLE)


def export(timeline: Timeline, events: list[Event], view: View | None) -> str:
    """The events as a Mermaid timeline diagram."""
    t = timeline
    title = view.title if view is not None and view.title else t.title
    subtitle = view.subtitle if view is not None and view.subtitle else t.subtitle
    lines = ["timeline", f"{_INDENT}title {sanitise(title)}"]
    if subtitle:
        lines.append(f"{_INDENT}accDescr: {sanitise(subtitle)}")
    for section, members in _sections(t, events):
        indent = _INDENT
        if section is not None:
            lines.append(f"{_INDENT}section {sanitise(section)}")
            indent = _INDENT * 2
        period = None
        for e in members:
            label = sanitise(when_phrase(e.when, short=True))
            entry = sanitise(_entry(e))
            if label == period:
                lines.append(f"{indent}{' ' * len(label)} : {entry}")
            else:
                lines.append(f"{indent}{label} : {entry}")
                period = label
    return "\n".join(lines) + "\n"


def _entry(e: Event) -> str:
    if e.certainty in (Certainty.CLAIMED, Certainty.DISPUTED):
        return f"{e.title} ({e.certainty.value})"
    return e.title


def _sections(t: Timeline, events: list[Event]) -> list[tuple[str | None, list[Event]]]:
    if t.eras:
        return _by_era(t, events)
    if t.groups and any(e.group for e in events):
        out: list[tuple[str | None, list[Event]]] = []
        # One pass over the events, not one per group: thousands of groups stay linear.
        by_group: dict[str, list[Event]] = {}
        for e in events:
            if e.group in t.groups:
                by_group.setdefault(e.group, []).append(e)
        for gid, group in t.groups.items():
            members = by_group.get(gid)
            if members:
                out.append((group.label, members))
        rest = [e for e in events if e.group not in t.groups]
        if rest:
            out.append(("Other events", rest))
        return out
    return [(None, events)] if events else []


def _by_era(t: Timeline, events: list[Event]) -> list[tuple[str | None, list[Event]]]:
    spans = [(t.bounds(era.when), era.title) for era in t.eras]
    runs: list[tuple[str | None, list[Event]]] = []
    for e in events:
        start = t.bounds(e.when)[0]
        inside = [(lo, title) for (lo, hi), title in spans if lo <= start < hi]
        key = max(inside, key=lambda pair: pair[0])[1] if inside else None
        if runs and runs[-1][0] == key:
            runs[-1][1].append(e)
        else:
            runs.append((key, [e]))
    return [(name if name is not None else _years(members), members) for name, members in runs]


def _years(events: list[Event]) -> str:
    first = events[0].when.start.year
    last = max((e.when.end or e.when.start).year for e in events)
    return str(first) if first == last else f"{first} – {last}"
