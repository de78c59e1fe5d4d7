"""The model's frozen dataclasses, as the loader makes them."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from timeline.dates import parse_when
from timeline.model import Certainty, Event, event_from_parts

_TEXT = st.text(max_size=8)
_WORDS = st.lists(_TEXT, max_size=3).map(tuple)


@given(
    _TEXT,
    _TEXT,
    st.integers(0, 10),
    st.none() | _TEXT,
    st.none() | _TEXT,
    _WORDS,
    st.none() | _TEXT,
    _WORDS,
    st.sampled_from(list(Certainty)),
    st.integers(1, 3),
    _WORDS,
    st.booleans(),
)
def test_event_from_parts_is_the_dataclass_event(
    eid: str,
    title: str,
    index: int,
    summary: str | None,
    group: str | None,
    tags: tuple[str, ...],
    place: str | None,
    sources: tuple[str, ...],
    certainty: Certainty,
    importance: int,
    related: tuple[str, ...],
    derived: bool,
) -> None:
    """An event made by setting its slots has every field the dataclass's __init__ sets,
    and compares, hashes and prints the same."""
    when = parse_when("2011-03/2012")
    translations = {"fr": {"title": "x"}}
    where = {"event": (1, 3)}
    parts = (eid, when, title, index, summary, group, tags, place, sources, certainty)
    rest = (importance, related, translations, derived, where)
    fast = event_from_parts(*parts, *rest)
    slow = Event(*parts, *rest)
    assert Event.__slots__ == tuple(f.name for f in dataclasses.fields(Event))
    assert [getattr(fast, f.name) for f in dataclasses.fields(Event)] == [
        getattr(slow, f.name) for f in dataclasses.fields(Event)
    ]
    assert (fast, repr(fast)) == (slow, repr(slow))
    assert dataclasses.replace(fast, index=0) == dataclasses.replace(slow, index=0)
