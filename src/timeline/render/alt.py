"""Alt text: a short plain-language description of a view's chart."""

from __future__ import annotations

from ..model import Event, Timeline, View
from ..phrases import date_phrase

__all__ = ["alt_text"]


def alt_text(timeline: Timeline, view: View, events: list[Event], *, locale: str = "en") -> str:
    """Say what the chart shows: its span, how many events, its lanes and milestones."""
    title = view.title or timeline.title
    if not events:
        return f"Timeline chart “{title}”: no events in this view."
    first = events[0].when.start
    last_end = max((e.when.end or e.when.start for e in events), key=lambda d: d.bounds(timeline.tz)[1])
    span = f"from {date_phrase(first)} to {date_phrase(last_end)}"
    n = len(events)
    parts = [f"Timeline chart “{title}” {span}: {n} event{'s' if n != 1 else ''}"]
    used = {e.group for e in events}
    lanes = [g.label for gid, g in timeline.groups.items() if gid in used]
    if lanes:
        parts.append(f" in {len(lanes)} lane{'s' if len(lanes) != 1 else ''} ({', '.join(lanes)})")
    text = "".join(parts) + "."
    milestones = [e for e in events if e.is_milestone]
    if milestones:
        shown = "; ".join(f"{e.title} ({date_phrase(e.date, short=True)})" for e in milestones[:6])
        more = f" and {len(milestones) - 6} more" if len(milestones) > 6 else ""
        text += f" Milestones: {shown}{more}."
    return text

