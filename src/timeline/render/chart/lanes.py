"""The lanes of a chart: one per group its events use, in the file's order, then one for
the events without a group. The chart draws them and the alt text counts and names them,
both from these functions, so the two always agree. No matplotlib here.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.model import Event, Group, Timeline
from timeline.render.chart._words import chart_words

__all__ = ["Lane", "lane_names", "lanes_of"]

#: A lane: its group, or None for the events without one.
Lane = Group | None


def lanes_of(timeline: Timeline, events: Sequence[Event]) -> list[Lane]:
    """The lanes a set of events needs: their groups in file order, then ungrouped events."""
    used = {e.group for e in events}
    lanes: list[Lane] = [g for gid, g in timeline.groups.items() if gid in used]
    if None in used or not lanes:
        lanes.append(None)
    return lanes


def lane_names(timeline: Timeline, events: Sequence[Event], locale: str) -> list[str]:
    """The names the chart writes beside its lanes, in order ("Other" for the events
    without a group); none when the chronology has no groups and its one lane no name."""
    if not timeline.groups:
        return []
    other = chart_words(locale).other
    return [lane.label if lane is not None else other for lane in lanes_of(timeline, events)]
