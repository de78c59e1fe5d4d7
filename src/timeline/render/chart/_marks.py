"""From events to marks: what each event looks like on one axis, and its label text.

Honest dates: a date is drawn across every instant it could mean. When that span is
narrower than a marker at this scale the event is a marker at its middle; when it is wider
(``2019`` on a ten-year axis, ``29 November`` on a ten-day one) it is a light bar over the
whole span, never a point on its first day. A period is a bar whose light ends are the
spans of its start and end dates and whose solid middle is the time it certainly ran; an
ongoing period runs to ``as_of`` and ends in an arrow, one whose end is unknown ends in a
dotted tail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from timeline.dates import EndKind
from timeline.i18n.phrases import date_phrase, when_phrase
from timeline.i18n.words import words
from timeline.model import Certainty, Event, Timeline
from timeline.render.chart._axis import Scale
from timeline.render.chart._geometry import Mark, Metrics
from timeline.render.chart.lanes import Lane, lanes_of

__all__ = [
    "Changed",
    "Lane",
    "Span",
    "build_marks",
    "change_tag",
    "date_line",
    "lanes_of",
    "spans_of",
    "tagged",
]

#: An event's time in epoch seconds: its start date's span, then its end's (for an ongoing
#: period both are ``as_of``; for a point or an unknown end, the start's again), so that
#: ``(span[0], span[3])`` is everything it can mean.
Span = tuple[int, int, int, int]


def spans_of(timeline: Timeline, events: Iterable[Event]) -> dict[int, Span]:
    """Each event's :data:`Span`, by ``id(event)``: computed once per chart, used by every
    region (with 100,000 events, the date arithmetic is worth doing only once)."""
    tz = timeline.tz
    as_of = timeline.as_of_instant
    out: dict[int, Span] = {}
    for e in events:
        s_lo, s_hi = e.when.start.bounds(tz)
        kind = e.when.end_kind
        if kind is EndKind.DATE:
            assert e.when.end is not None
            e_lo, e_hi = e.when.end.bounds(tz)
        elif kind is EndKind.ONGOING:
            e_lo = e_hi = max(as_of, s_hi)
        elif kind is EndKind.UNKNOWN:
            e_lo = e_hi = s_hi
        else:
            e_lo, e_hi = s_lo, s_hi
        out[id(e)] = (s_lo, s_hi, e_lo, e_hi)
    return out


def build_marks(
    timeline: Timeline,
    events: Sequence[Event],
    scale: Scale,
    lanes: list[Lane],
    threshold: int,
    m: Metrics,
    marker: float,
    *,
    spans: dict[int, Span] | None = None,
) -> list[Mark]:
    """One mark per event; ``threshold`` is the importance from which events are labelled.

    ``marker`` is the ordinary marker diameter: a date span narrower than that is a point.
    ``spans`` (from :func:`spans_of`) saves recomputing the events' dates.
    """
    index = {(g.id if g is not None else None): i for i, g in enumerate(lanes)}
    if spans is None:
        spans = spans_of(timeline, events)
    left, right = scale.left, scale.right
    out = []
    for e in events:
        lane = index.get(e.group, index.get(None, 0))
        s_lo, s_hi, e_lo, e_hi = spans[id(e)]
        labelled = e.importance >= threshold
        kind = e.when.end_kind
        if kind is EndKind.POINT:
            x0, x1 = scale.x(s_lo), scale.x(s_hi)
            if x1 - x0 <= marker:
                x = min(max((x0 + x1) / 2, left), right)
                out.append(Mark(e, lane, False, x, x, x, x, x, labelled, x))
                continue
            x0, x1 = max(x0, left), min(x1, right)
            out.append(Mark(e, lane, True, x0, x0, x1, x1, x1, labelled, x1))
            continue
        x0, x1 = scale.x(s_lo), scale.x(e_hi)
        solid0, solid1 = scale.x(s_hi), scale.x(e_lo)
        if kind is EndKind.ONGOING:
            solid1 = x1
        # Very short periods still get a visible bar.
        if x1 - x0 < 2.0:
            mid = (x0 + x1) / 2
            x0, x1 = mid - 1.0, mid + 1.0
            solid0, solid1 = (x0, x1) if solid1 > solid0 else (x1, x1)
        x0c, x1c = max(x0, left), min(x1, right)
        solid0, solid1 = min(max(solid0, x0c), x1c), max(min(solid1, x1c), x0c)
        arrow = kind is EndKind.ONGOING
        tail = kind is EndKind.UNKNOWN
        reach = x1c + (m.arrow if arrow else m.tail if tail else 0.0)
        out.append(Mark(e, lane, True, x0c, x0c, x1c, solid0, solid1, labelled, reach, arrow, tail))
    return out


class Changed(Protocol):
    """The events a chart marks as changed since an earlier version
    (``timeline.diff.RenderNotes`` is one): ``new`` or ``updated`` by event id, and how
    the earlier version is named (``HEAD~3 (26 November 2024)``)."""

    @property
    def since(self) -> str: ...
    @property
    def marks(self) -> Mapping[str, str]: ...


def change_tag(event: Event, changed: Changed | None, locale: str) -> str | None:
    """The word a changed event's label starts with (``NEW``, ``UPDATED``), or None."""
    kind = changed.marks.get(event.id) if changed is not None else None
    return words(locale).change[kind].upper() if kind is not None else None


def tagged(text: str, event: Event, changed: Changed | None, locale: str) -> str:
    """A label's date line with the event's change tag in front: ``NEW · 29 Nov 2024``.
    A word, not a colour, so it reads in every theme and in print; being part of the
    label's text, the layout measures and places it with the label."""
    tag = change_tag(event, changed, locale)
    return text if tag is None else f"{tag} · {text}"


def date_line(event: Event, locale: str) -> str:
    """The small line above a label's title: when, and how sure, when not just reported."""
    if event.when.is_period:
        text = when_phrase(event.when, short=True, locale=locale)
    else:
        text = date_phrase(event.when.start, short=True, locale=locale)
    if event.certainty in (Certainty.CLAIMED, Certainty.DISPUTED):
        text += " · " + words(locale).certainty[event.certainty.value]
    return text
