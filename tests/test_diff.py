"""``timeline.diff``: matching, classification, the outputs, and rebuilding the new version.

Golden cases live in ``tests/data/diff/<case>/``: ``old.yaml`` and ``new.yaml`` beside the
expected ``expected.txt``, ``expected.md`` and ``expected.json``. Set
``TIMELINE_REGEN_GOLDENS=1`` to rewrite them from the current code, then review the diff.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from timeline.dates import parse_date
from timeline.diff import (
    SCHEMA,
    Changes,
    apply,
    diff,
    render_json,
    render_markdown,
    render_notes,
    render_text,
)
from timeline.model import Timeline

from .conftest import DATA, REGEN

CASES = sorted(p.parent.name for p in (DATA / "diff").glob("*/old.yaml"))

HEAD = """title: T
as_of: 2024-11-29
sources:
  s: {title: S}
  r: {title: R, publisher: Reuters}
groups:
  a: {label: Alpha}
  b: {label: Beta}
events:
"""


def changes(old_events: str, new_events: str, *, head: str = HEAD) -> Changes:
    """The changes between two chronologies that differ in their events."""
    old = timeline.load_bytes((head + old_events).encode(), "old.yaml")
    new = timeline.load_bytes((head + new_events).encode(), "new.yaml")
    return diff(old, new)


def _pair(case: str) -> tuple[Timeline, Timeline]:
    folder = DATA / "diff" / case
    old = timeline.load_bytes((folder / "old.yaml").read_bytes(), "old.yaml")
    new = timeline.load_bytes((folder / "new.yaml").read_bytes(), "new.yaml")
    return old, new


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    """Each case gives exactly its expected review, updates note and JSON."""
    old, new = _pair(case)
    c = diff(old, new)
    outputs = {
        "expected.txt": render_text(c),
        "expected.md": render_markdown(c, updated=parse_date("2024-11-30")),
        "expected.json": render_json(c),
    }
    folder = DATA / "diff" / case
    for name, content in outputs.items():
        if REGEN:
            (folder / name).write_text(content, encoding="utf-8")
        assert content == (folder / name).read_text(encoding="utf-8"), f"{case}/{name}"


def test_golden_cases_cover_every_kind_of_change() -> None:
    """The golden cases show every classification of an event change and of the sections."""
    labels = set()
    for case in CASES:
        c = diff(*_pair(case))
        labels |= {e.kind for e in c.events}
        labels |= {f.label for e in c.events for f in e.fields}
        labels |= {f"{i.section} {i.kind}" for i in c.items()}
        labels |= {f"setting {f.field}" for f in c.settings}
    assert {
        "added",
        "removed",
        "changed",
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
    } <= labels
    for section in ("sources", "groups", "views"):
        assert {f"{section} added", f"{section} removed", f"{section} changed"} <= labels
    assert {"eras added", "eras changed", "setting as_of", "setting group_order"} <= labels


@pytest.mark.parametrize("case", CASES)
def test_json_output_follows_its_schema(case: str) -> None:
    """The JSON output of every case is valid against the documented schema."""
    doc = json.loads(render_json(diff(*_pair(case))))
    jsonschema.validate(doc, SCHEMA)


def test_same_chronology_has_no_changes() -> None:
    """Comparing a chronology with itself, or with a copy, finds nothing; exit 0 material."""
    old, _ = _pair("events")
    assert not diff(old, old)
    again = timeline.load_bytes((DATA / "diff" / "events" / "old.yaml").read_bytes(), "x.yaml")
    assert not diff(old, again)
    assert render_text(diff(old, again)).splitlines()[-1] == "no changes"
    assert render_markdown(diff(old, again), updated=old.as_of) == ""


# -- classification ---------------------------------------------------------------------


def test_redating_says_whether_precision_was_gained_or_lost() -> None:
    """March 2011 -> 15 March 2011 gains precision within the old date; the reverse loses it."""
    gained = changes(
        "  - {id: p, date: 2011-03, title: P, sources: [s]}\n",
        "  - {id: p, date: 2011-03-15, title: P, sources: [s]}\n",
    )
    field = gained.events[0].fields[0]
    assert (field.label, field.precision, field.narrowed) == ("redated", "gained", True)
    assert "redated: March 2011 → 15 March 2011 (precision gained, within the old date)" in (
        render_text(gained)
    )
    lost = changes(
        "  - {id: p, date: 2011-03-15, title: P, sources: [s]}\n",
        "  - {id: p, date: 2011, title: P, sources: [s]}\n",
    )
    assert (lost.events[0].fields[0].precision, lost.events[0].fields[0].narrowed) == (
        "lost",
        False,
    )
    moved = changes(
        "  - {id: p, date: 2011-03-15, title: P, sources: [s]}\n",
        "  - {id: p, date: 2011-03-16, title: P, sources: [s]}\n",
    )
    assert moved.events[0].fields[0].precision is None
    assert "corrected the date of “P” from 15 March 2011 to 16 March 2011" in render_markdown(
        moved, updated=parse_date("2024-12-01")
    )


def test_an_event_whose_id_changed_is_matched_by_date_and_title() -> None:
    """A renamed id is one changed event (matched by date and title), not a removal and an
    addition."""
    c = changes(
        "  - {id: old-name, date: 2011-03, title: Protests, sources: [s]}\n",
        "  - {id: new-name, date: 2011-03, title: Protests, sources: [s]}\n",
    )
    (event,) = c.events
    assert (event.kind, event.matched_by, event.id) == ("changed", "date and title", "new-name")
    assert [(f.field, f.old, f.new) for f in event.fields] == [("id", "old-name", "new-name")]


def test_an_event_without_id_is_matched_by_date_and_title() -> None:
    """An event with no id in the file whose summary changed is found by date and title."""
    c = changes(
        "  - {date: 2011-03, title: Protests, summary: One, sources: [s]}\n",
        "  - {date: 2011-03, title: Protests, summary: Two, sources: [s]}\n",
    )
    (event,) = c.events
    assert (event.kind, event.matched_by) == ("changed", "date and title")
    assert [f.field for f in event.fields] == ["summary"]
    assert "[matched by date and title]" in render_text(c)


def test_ambiguous_date_and_title_is_not_guessed() -> None:
    """Two id-less events with the same date and title, both changed: no pairing is
    guessed; both are reported removed and added."""
    c = changes(
        "  - {date: 2011, title: Raid, place: A, sources: [s]}\n"
        "  - {date: 2011, title: Raid, place: B, sources: [s]}\n",
        "  - {date: 2011, title: Raid, place: C, sources: [s]}\n"
        "  - {date: 2011, title: Raid, place: D, sources: [s]}\n",
    )
    assert sorted(e.kind for e in c.events) == ["added", "added", "removed", "removed"]


def test_an_event_without_id_retitled_or_redated_is_one_change() -> None:
    """An id-less event whose title alone was edited (its derived id with it), and one whose
    date alone was: each is one changed event, matched by all the rest, not a removal and
    an addition."""
    c = changes(
        "  - {date: 2016-01-29, title: First flight, place: Renton, sources: [s]}\n"
        "  - {date: 2024-01-24, title: MAX 9 cleared, sources: [s]}\n",
        "  - {date: 2016-01-29, title: First flight of the MAX 8, place: Renton, sources: [s]}\n"
        "  - {date: 2024-01-25, title: MAX 9 cleared, sources: [s]}\n",
    )
    assert [(e.kind, e.matched_by, e.id) for e in c.events] == [
        ("changed", "all but the title", "2016-01-29-first-flight-of-the-max-8"),
        ("changed", "all but the date", "2024-01-25-max-9-cleared"),
    ]
    assert [[f.field for f in e.fields] for e in c.events] == [["id", "title"], ["id", "date"]]
    text = render_text(c)
    assert "[matched by all but the title]" in text
    assert "[matched by all but the date]" in text
    jsonschema.validate(json.loads(render_json(c)), SCHEMA)


def test_a_retitle_among_look_alikes_is_not_guessed() -> None:
    """Two id-less events of one date saying the same apart from their titles, both
    retitled: which became which cannot be told, so they are removals and additions; an
    event whose title and date both changed is never matched. Where the look-alike kept its
    title, the other one is the retitled one."""
    c = changes(
        "  - {date: 2011, title: Raid on A, sources: [s]}\n"
        "  - {date: 2011, title: Raid on B, sources: [s]}\n"
        "  - {date: 2012, title: Talks, sources: [s]}\n",
        "  - {date: 2011, title: Raid on C, sources: [s]}\n"
        "  - {date: 2011, title: Raid on D, sources: [s]}\n"
        "  - {date: 2013, title: New talks, sources: [s]}\n",
    )
    assert sorted((e.kind, e.id) for e in c.events) == [
        ("added", "2011-raid-on-c"),
        ("added", "2011-raid-on-d"),
        ("added", "2013-new-talks"),
        ("removed", "2011-raid-on-a"),
        ("removed", "2011-raid-on-b"),
        ("removed", "2012-talks"),
    ]
    kept = changes(
        "  - {date: 2011, title: Raid on A, sources: [s]}\n"
        "  - {date: 2011, title: Raid on B, sources: [s]}\n",
        "  - {date: 2011, title: Raid on C, sources: [s]}\n"
        "  - {date: 2011, title: Raid on B, sources: [s]}\n",
    )
    assert [(e.kind, e.matched_by, e.id) for e in kept.events] == [
        ("changed", "all but the title", "2011-raid-on-c")
    ]


def test_repeated_unchanged_events_are_not_changes() -> None:
    """Identical id-less events are paired with each other first, even when their
    neighbours with the same date and title changed."""
    c = changes(
        "  - {date: 2011, title: Raid, place: A, sources: [s]}\n"
        "  - {date: 2011, title: Raid, place: B, sources: [s]}\n",
        "  - {date: 2011, title: Raid, place: C, sources: [s]}\n"
        "  - {date: 2011, title: Raid, place: B, sources: [s]}\n",
    )
    (event,) = c.events
    assert (event.kind, [(f.old, f.new) for f in event.fields]) == ("changed", [("A", "C")])


def test_a_derived_id_that_changes_is_reported() -> None:
    """Moving one of two id-less events with the same date and title swaps the ids derived
    for them (and so their links): the review says so, marked as derived."""
    c = changes(
        "  - {date: 2011, title: Raid, place: A, sources: [s]}\n"
        "  - {date: 2011, title: Raid, place: B, sources: [s]}\n",
        "  - {date: 2011, title: Raid, place: B, sources: [s]}\n"
        "  - {date: 2011, title: Raid, place: A, sources: [s]}\n",
    )
    assert render_text(c).splitlines()[2:] == [
        "renamed: 2011-raid, 2011-raid-2",
        "",
        "events",
        "~ 2011-raid: 2011 — Raid [matched by date and title]",
        "    renamed: 2011-raid-2 (derived) → 2011-raid (derived)",
        "~ 2011-raid-2: 2011 — Raid [matched by date and title]",
        "    renamed: 2011-raid (derived) → 2011-raid-2 (derived)",
    ]
    assert render_notes(c, "v1").marks == {}


def test_order_of_events_and_of_lists_is_not_a_change() -> None:
    """Moving events in the file or reordering a list of sources changes nothing."""
    c = changes(
        "  - {id: a, date: 2011, title: A, sources: [s, r]}\n"
        "  - {id: b, date: 2012, title: B, sources: [s]}\n",
        "  - {id: b, date: 2012, title: B, sources: [s]}\n"
        "  - {id: a, date: 2011, title: A, sources: [r, s]}\n",
    )
    assert not c


def test_certainty_and_importance_read_as_corrections() -> None:
    """claimed -> confirmed reads "confirmed “X” (previously claimed)"; importance 3 is a
    milestone."""
    c = changes(
        "  - {id: a, date: 2011, title: A, certainty: claimed, sources: [s]}\n",
        "  - {id: a, date: 2011, title: A, certainty: confirmed, importance: 3, sources: [s]}\n",
    )
    text = render_text(c)
    assert "    certainty changed: claimed → confirmed" in text
    assert "    importance changed: 2 → 3 (milestone)" in text
    note = render_markdown(c, updated=parse_date("2024-11-30"))
    assert note == (
        "*Updated 30 November 2024:* confirmed “A” (previously claimed); "
        "marked “A” as a milestone.\n"
    )


def test_markdown_escapes_user_text() -> None:
    """Titles with Markdown syntax are written so they show as typed."""
    c = changes("", "  - {id: a, date: 2011, title: '*Bold* <b> [x](y) #1', sources: [s]}\n")
    note = render_markdown(c, updated=parse_date("2024-11-30"))
    assert note == (
        "*Updated 30 November 2024:* added “\\*Bold\\* &lt;b&gt; \\[x\\](y) \\#1” (2011).\n"
    )


def test_colour_only_when_asked() -> None:
    """The review has terminal colours only with color=True; the words are the same."""
    c = changes("", "  - {id: a, date: 2011, title: A, sources: [s]}\n")
    plain, coloured = render_text(c), render_text(c, color=True)
    assert "\033[" not in plain
    assert "\033[32m+ a: 2011 — A\033[0m" in coloured
    assert plain.splitlines()[-1] == "+ a: 2011 — A"


def test_summary_word_diff_shows_only_what_changed() -> None:
    """A changed summary shows its removed and added words with a little context."""
    words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    c = changes(
        f"  - {{id: a, date: 2011, title: A, sources: [s], summary: '{words}'}}\n",
        f"  - {{id: a, date: 2011, title: A, sources: [s], "
        f"summary: '{words.replace('seven', 'SEVEN')}'}}\n",
    )
    assert render_text(c).splitlines()[-1] == (
        "    summary changed: one two three four five six [-seven-] {+SEVEN+} "
        "eight nine ten eleven …"
    )
    short = changes(
        "  - {id: a, date: 2011, title: A, sources: [s], summary: 'one two three'}\n",
        "  - {id: a, date: 2011, title: A, sources: [s], summary: 'one two four'}\n",
    )
    assert render_text(short).splitlines()[-1] == (
        "    summary changed: one two [-three-] {+four+}"
    )


# -- render notes -----------------------------------------------------------------------


def test_render_notes_mark_new_and_updated_events() -> None:
    """New events are "new", events with a change a reader sees "updated"; a change of
    tags alone marks nothing; removed events are items of the section only."""
    c = changes(
        "  - {id: a, date: 2011, title: A, sources: [s]}\n"
        "  - {id: b, date: 2012, title: B, sources: [s]}\n"
        "  - {id: c, date: 2013, title: C, sources: [s]}\n",
        "  - {id: a, date: 2011-05, title: A, sources: [s]}\n"
        "  - {id: b, date: 2012, title: B, sources: [s], tags: [x]}\n"
        "  - {id: d, date: 2014, title: D, sources: [s]}\n",
    )
    notes = render_notes(c, "HEAD~1")
    assert dict(notes.marks) == {"a": "updated", "d": "new"}
    assert [(i.kind, i.event.id, i.fields) for i in notes.items] == [
        ("updated", "a", ("date",)),
        ("removed", "c", ()),
        ("new", "d", ()),
    ]
    assert notes.items[1].views == frozenset({"timeline"})


# -- apply: the changes are complete ----------------------------------------------------


def normal(t: Timeline) -> dict[str, Any]:
    """What an output shows of a chronology: everything but file order, list order and
    whether an id was written."""

    def event(e: timeline.Event) -> tuple[object, ...]:
        return (
            e.when,
            e.title,
            e.summary,
            e.certainty,
            e.importance,
            e.group,
            e.place,
            frozenset(e.sources),
            frozenset(e.tags),
            frozenset(e.related),
        )

    def view(v: timeline.View) -> timeline.View:
        return dataclasses.replace(v, groups=tuple(sorted(v.groups)), tags=tuple(sorted(v.tags)))

    return {
        "settings": (t.title, t.subtitle, t.locale, t.timezone, t.as_of, t.as_of_given),
        "as_of_instant": t.as_of_instant,
        "sources": t.sources,
        "groups": list(t.groups.items()),
        "eras": sorted(t.eras, key=repr),
        "views": [(k, view(v)) for k, v in t.views.items()],
        "events": {e.id: event(e) for e in t.events},
    }


@pytest.mark.parametrize("case", CASES)
def test_applying_the_changes_gives_the_new_version(case: str) -> None:
    """apply(old, diff(old, new)) shows the same chronology as new, for each golden case."""
    old, new = _pair(case)
    assert normal(apply(old, diff(old, new))) == normal(new)


DATES = [
    "2011",
    "2011-03",
    "2011-03-15",
    "2011-03-15T10:00",
    "2016-07/2016-12-22",
    "2015-09-30/..",
    "2019~",
    "2012-05?",
]
TITLES = ["Protests", "Siege", "Talks", "Raid"]
IDS = ["a", "b", "c", "d", "e", "f", "g", "h"]


@st.composite
def event_dicts(draw: st.DrawFn, groups: list[str]) -> dict[str, Any]:
    """One event as a mapping of the file."""
    event: dict[str, Any] = {"date": draw(st.sampled_from(DATES))}
    event["title"] = draw(st.sampled_from(TITLES))
    if draw(st.booleans()):
        event["summary"] = draw(st.sampled_from(["One.", "Two.", "One. Two."]))
    if groups and draw(st.booleans()):
        event["group"] = draw(st.sampled_from(groups))
    event["certainty"] = draw(st.sampled_from(["reported", "claimed", "confirmed", "disputed"]))
    event["importance"] = draw(st.sampled_from([1, 2, 3]))
    event["sources"] = draw(st.lists(st.sampled_from(["s1", "s2"]), unique=True, max_size=2))
    event["tags"] = draw(st.lists(st.sampled_from(["x", "y"]), unique=True, max_size=2))
    if draw(st.booleans()):
        event["place"] = draw(st.sampled_from(["Aleppo", "Idlib"]))
    return event


@st.composite
def chronologies(draw: st.DrawFn) -> str:
    """A small valid chronology file with events that often share dates and titles."""
    groups = draw(st.lists(st.sampled_from(["g1", "g2", "g3"]), unique=True))
    events = draw(st.lists(event_dicts(groups), max_size=8))
    ids = draw(st.permutations(IDS))
    for event, eid in zip(events, ids, strict=False):
        if draw(st.booleans()):
            event["id"] = eid
    lines = [
        f"title: {draw(st.sampled_from(['War', 'The war']))}",
        "sources:",
        f"  s1: {{title: {draw(st.sampled_from(['One', 'First']))}}}",
        "  s2: {title: Two, publisher: P}",
        "groups:" if groups else "groups: {}",
        *(f"  {g}: {{label: {draw(st.sampled_from([g.upper(), 'Lane']))}}}" for g in groups),
    ]
    if draw(st.booleans()):
        lines.append(f"as_of: {draw(st.sampled_from(['2024-11-29', '2024-12']))}")
    if draw(st.booleans()):
        lines.append(f"timezone: {draw(st.sampled_from(['UTC', 'Asia/Damascus']))}")
    eras = draw(st.lists(st.sampled_from(["Before", "After", "During"]), unique=True))
    lines.append("eras:" if eras else "eras: []")
    lines += [f"  - {{title: {e}, date: {draw(st.sampled_from(['2011', '2012']))}}}" for e in eras]
    lines.append("events:" if events else "events: []")
    lines += [f"  - {json.dumps(e)}" for e in events]
    views = draw(st.lists(st.sampled_from(["v1", "v2"]), unique=True))
    lines.append("views:" if views else "views: {}")
    lines += [f"  {v}: {{min_importance: {draw(st.sampled_from([1, 3]))}}}" for v in views]
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chronologies(), chronologies())
def test_property_applying_reported_changes_to_old_gives_new(old_text: str, new_text: str) -> None:
    """For generated pairs of chronologies, applying the reported changes to OLD gives NEW,
    and there are no changes exactly when both show the same chronology."""
    old = timeline.load_bytes(old_text.encode(), "old.yaml")
    new = timeline.load_bytes(new_text.encode(), "new.yaml")
    c = diff(old, new)
    assert normal(apply(old, c)) == normal(new)
    assert bool(c) == (normal(old) != normal(new))
    json.loads(render_json(c))  # every change can be written


@settings(max_examples=60, deadline=None)
@given(chronologies())
def test_property_a_chronology_has_no_changes_from_itself(text: str) -> None:
    """diff(x, x) is empty, for the same object and for a second reading of the same file."""
    first = timeline.load_bytes(text.encode(), "a.yaml")
    second = timeline.load_bytes(text.encode(), "b.yaml")
    assert not diff(first, first)
    assert not diff(first, second)


def test_diff_is_part_of_the_public_api() -> None:
    """timeline.diff is the function, timeline.Changes its result; both are exported."""
    assert {"diff", "Changes"} <= set(timeline.__all__)
    old, new = _pair("events")
    assert isinstance(timeline.diff(old, new), timeline.Changes)
    assert timeline.diff(old, new) == diff(old, new)
