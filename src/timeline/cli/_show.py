"""``timeline show``: the sorted chronology as aligned terminal lines."""

from __future__ import annotations

from collections.abc import Iterator

from timeline.i18n.phrases import when_phrase
from timeline.model import Certainty, Timeline, View
from timeline.query import Filter, select

__all__ = ["show_lines"]

_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
_MAX_DATE = 30


def show_lines(
    t: Timeline, view: View, extra: Filter, *, color: bool = False, width: int | None = None
) -> Iterator[str]:
    """One line per event: date as written for people, title, group label; milestones in
    bold and claimed or disputed events marked when ``color`` is on. Lines are cut to
    ``width`` columns on a terminal; piped output is never cut."""
    events = select(t, view, extra)
    dates = [when_phrase(e.when, short=True) for e in events]
    date_width = min(max((len(d) for d in dates), default=0), _MAX_DATE)
    for event, date in zip(events, dates, strict=True):
        title = event.title
        if event.certainty in (Certainty.CLAIMED, Certainty.DISPUTED):
            title += f" ({event.certainty.value})"
        group = t.groups[event.group].label if event.group in t.groups else ""
        line_plain = f"{date:<{date_width}}  {title}"
        if group:
            line_plain += f"  [{group}]"
        if width is not None and len(line_plain) > width:
            title = title[: max(10, len(title) - (len(line_plain) - width) - 1)] + "…"
        if not color:
            yield f"{date:<{date_width}}  {title}" + (f"  [{group}]" if group else "")
            continue
        styled = f"{_BOLD}{title}{_RESET}" if event.is_milestone else title
        tail = f"  {_DIM}[{group}]{_RESET}" if group else ""
        yield f"{_DIM}{date:<{date_width}}{_RESET}  {styled}{tail}"
