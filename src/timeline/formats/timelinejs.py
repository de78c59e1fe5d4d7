"""``timelinejs``: TimelineJS3 JSON out; TimelineJS3 JSON or spreadsheet CSV in.

The export follows Knight Lab's documented format: a title slide, one slide per event with
``start_date``/``end_date`` objects holding only the parts the date knows (a month-precision
date has no ``day``), ``display_date`` in words for dates TimelineJS cannot show by itself
(partial precision, ``c.``/``?`` qualifiers, UTC offsets, open ends), the group's label as
``group``, the event id as ``unique_id``, text HTML-escaped, and eras. Ongoing periods end at
the chronology's ``as_of``. Reading is in :mod:`._timelinejs_read`.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from timeline.dates import Date, EndKind, Precision, When
from timeline.formats._common import ongoing_end
from timeline.formats._draft import Draft, Notes
from timeline.i18n.phrases import date_phrase, when_phrase
from timeline.model import Certainty, Event, Timeline, View

__all__ = ["export", "read"]

_CERTAINTY = {
    Certainty.CONFIRMED: "Confirmed.",
    Certainty.CLAIMED: "Claimed; not independently verified.",
    Certainty.DISPUTED: "Disputed.",
}
# Link text holds no '[': a line of thousands of '[' would otherwise be scanned once per '['.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\((https?://[^)\s]+)\)")


def export(timeline: Timeline, events: list[Event], view: View | None) -> str:
    """The events as TimelineJS3 JSON text."""
    t = timeline
    title = view.title if view is not None and view.title else t.title
    subtitle = view.subtitle if view is not None and view.subtitle else t.subtitle
    doc: dict[str, Any] = {
        "title": {"text": {"headline": _esc(title), "text": _esc(subtitle or "")}},
        "events": [_slide(t, e) for e in events],
        "scale": "human",
    }
    if t.eras:
        doc["eras"] = [
            {
                "start_date": date_object(era.when.start),
                "end_date": date_object(_last(t, era.when)),
                "text": {"headline": _esc(era.title)},
            }
            for era in t.eras
        ]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def date_object(d: Date) -> dict[str, Any]:
    """A TimelineJS date object with only the parts ``d`` knows; ``display_date`` when the
    parts alone would hide a qualifier or a UTC offset."""
    out: dict[str, Any] = {"year": d.year}
    if d.precision >= Precision.MONTH:
        out["month"] = d.month
    if d.precision >= Precision.DAY:
        out["day"] = d.day
    if d.precision >= Precision.MINUTE:
        out["hour"] = d.hour
        out["minute"] = d.minute
    if d.precision >= Precision.SECOND:
        out["second"] = d.second
    if d.approximate or d.uncertain or (d.has_time and d.offset is not None):
        out["display_date"] = date_phrase(d)
    return out


def needs_display_date(when: When) -> bool:
    """True unless ``when`` is plain days (TimelineJS then shows it well by itself)."""
    dates = [when.start] if when.end is None else [when.start, when.end]
    plain = all(d.precision == Precision.DAY and not (d.approximate or d.uncertain) for d in dates)
    return not plain or when.end_kind in (EndKind.ONGOING, EndKind.UNKNOWN)


def _last(t: Timeline, when: When) -> Date:
    """The end TimelineJS is given: the end date, ``as_of`` for an ongoing period, and the
    start itself for an unknown end."""
    if when.end_kind is EndKind.DATE:
        assert when.end is not None
        return when.end
    if when.end_kind is EndKind.ONGOING:
        return ongoing_end(t, when.start)
    return when.start


def _slide(t: Timeline, e: Event) -> dict[str, Any]:
    slide: dict[str, Any] = {
        "unique_id": e.id,
        "start_date": date_object(e.when.start),
    }
    if e.when.end_kind in (EndKind.DATE, EndKind.ONGOING):
        slide["end_date"] = date_object(_last(t, e.when))
    if needs_display_date(e.when):
        slide["display_date"] = when_phrase(e.when)
    slide["text"] = {"headline": _esc(e.title), "text": _body(t, e)}
    if e.group is not None:
        slide["group"] = _esc(t.groups[e.group].label if e.group in t.groups else e.group)
    return slide


def _body(t: Timeline, e: Event) -> str:
    parts: list[str] = []
    if e.summary:
        for para in re.split(r"\n\s*\n", e.summary.strip()):
            lines = [_LINK.sub(r'<a href="\2">\1</a>', _esc(line)) for line in para.split("\n")]
            parts.append("<p>" + "<br>".join(lines) + "</p>")
    facts = [_esc(e.place)] if e.place else []
    if e.certainty in _CERTAINTY:
        facts.append(f"<em>{_CERTAINTY[e.certainty]}</em>")
    if facts:
        parts.append("<p>" + " · ".join(facts) + "</p>")
    cited = [_cite(t, sid) for sid in e.sources if sid in t.sources]
    if cited:
        parts.append("<p>Sources: " + "; ".join(cited) + "</p>")
    return "".join(parts)


def _cite(t: Timeline, sid: str) -> str:
    s = t.sources[sid]
    name = _esc(s.title) + (f" ({_esc(s.publisher)})" if s.publisher else "")
    return f'<a href="{_esc(s.url)}">{name}</a>' if s.url else name


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def read(text: str, notes: Notes, *, file: str, csv_layout: bool) -> Draft | None:
    """A draft from TimelineJS JSON, or from its spreadsheet layout saved as CSV."""
    from timeline.formats._timelinejs_read import read_csv, read_json

    if csv_layout:
        return read_csv(text, notes, file=file)
    return read_json(text, notes, file=file)
