"""TimelineJS3 files as slides: its JSON format and its spreadsheet layout saved as CSV.

Both are turned into :class:`Slide` records whose fields are text and which remember where
each field was (``line:col`` in JSON, ``row:column`` in CSV), so that
:mod:`._timelinejs_read` can report every problem at its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from timeline.errors import shown
from timeline.formats._draft import Notes
from timeline.formats._jsonpos import Located, parse
from timeline.spec import MAX_EVENTS

__all__ = ["PARTS", "Pos", "Slide", "read_csv_slides", "read_json_slides"]

#: (line, column) in the file.
Pos = tuple[int, int]
#: The parts of a TimelineJS date, coarsest first.
PARTS = ("year", "month", "day", "hour", "minute", "second", "millisecond")
_SLIDE_KEYS = frozenset(
    [
        "start_date",
        "end_date",
        "text",
        "media",
        "group",
        "display_date",
        "background",
        "autolink",
        "unique_id",
    ]
)
_MEDIA_KEYS = frozenset(
    ["url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"]
)


@dataclass
class Slide:
    """One TimelineJS slide, its fields as text, and where each field is in the file."""

    pos: Pos
    kind: str = "event"  # event, title or era
    start: dict[str, str] = field(default_factory=dict)
    end: dict[str, str] = field(default_factory=dict)
    headline: str = ""
    text: str = ""
    media: dict[str, str] = field(default_factory=dict)
    group: str = ""
    display_date: str = ""
    unique_id: str = ""
    background: str = ""
    where: dict[str, Pos] = field(default_factory=dict)

    def at(self, name: str) -> Pos:
        return self.where.get(name, self.pos)


# -- JSON ----------------------------------------------------------------------------------


def read_json_slides(text: str, notes: Notes) -> list[Slide] | None:
    """The slides of a TimelineJS JSON file (title first, then events, then eras)."""
    doc = parse(text, notes)
    if doc is None:
        return None
    root = doc.value
    if not isinstance(root, dict) or not isinstance(root.get("events"), list):
        notes.error(1, 1, "not a TimelineJS file: it has no 'events' list")
        return None
    for key in root:
        if key not in ("events", "title", "eras", "scale"):
            line, col = doc.at((key,))
            notes.warn(line, col, f"'{key}' is not part of the TimelineJS format; left out")
    if root.get("scale", "human") != "human":
        line, col = doc.at(("scale",))
        notes.error(line, col, "cosmological timelines cannot be imported (years run 1-9999)")
        return None
    if len(root["events"]) > MAX_EVENTS:
        line, col = doc.at(("events", MAX_EVENTS))
        notes.error(
            line,
            col,
            f"more than {MAX_EVENTS:,} slides; a chronology holds at most {MAX_EVENTS:,} events",
            "split the file into several",
        )
        return None
    slides: list[Slide] = []
    if isinstance(root.get("title"), dict):
        slides.append(_json_slide(doc, ("title",), notes, "title"))
    for i, item in enumerate(root["events"]):
        if isinstance(item, dict):
            slides.append(_json_slide(doc, ("events", i), notes, "event"))
        else:
            line, col = doc.at(("events", i))
            notes.error(line, col, "a slide must be an object")
    eras = root.get("eras") or []
    if not isinstance(eras, list):
        line, col = doc.at(("eras",))
        notes.error(line, col, "'eras' must be a list of eras")
        eras = []
    for i, item in enumerate(eras):
        if isinstance(item, dict):
            slides.append(_json_slide(doc, ("eras", i), notes, "era"))
        else:
            line, col = doc.at(("eras", i))
            notes.error(line, col, "an era must be an object")
    return slides


def _json_slide(doc: Located, path: tuple[str | int, ...], notes: Notes, kind: str) -> Slide:
    obj: dict[str, Any] = doc.value
    for part in path:
        obj = obj[part]  # type: ignore[index]
    slide = Slide(doc.at(path), kind)

    def text(value: Any, where: tuple[str | int, ...]) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            line, col = doc.at(where)
            notes.error(line, col, "must be text or a number")
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)

    for key in obj:
        if key not in _SLIDE_KEYS:
            line, col = doc.at((*path, key))
            notes.warn(line, col, f"'{key}' is not part of a TimelineJS slide; left out")
    for name in ("start_date", "end_date"):
        parts = obj.get(name)
        if not isinstance(parts, dict):
            continue
        target = slide.start if name == "start_date" else slide.end
        for part, value in parts.items():
            if part in (*PARTS, "display_date", "format"):
                target[part] = text(value, (*path, name, part))
                slide.where[f"{name}.{part}"] = doc.at((*path, name, part))
        slide.where[name] = doc.at((*path, name))
    body: dict[str, Any] = obj["text"] if isinstance(obj.get("text"), dict) else {}
    slide.headline = text(body.get("headline"), (*path, "text", "headline"))
    slide.text = text(body.get("text"), (*path, "text", "text"))
    slide.where["headline"] = doc.at((*path, "text", "headline"))
    slide.where["text"] = doc.at((*path, "text", "text"))
    media: dict[str, Any] = obj["media"] if isinstance(obj.get("media"), dict) else {}
    for key, value in media.items():
        if key in _MEDIA_KEYS:
            slide.media[key] = text(value, (*path, "media", key))
        slide.where[f"media.{key}"] = doc.at((*path, "media", key))
    for key in ("group", "display_date", "unique_id"):
        setattr(slide, key, text(obj.get(key), (*path, key)))
        slide.where[key] = doc.at((*path, key))
    background = obj.get("background")
    if isinstance(background, dict):
        slide.background = text(background.get("url") or background.get("color"), (*path,))
        slide.where["background"] = doc.at((*path, "background"))
    return slide


# -- the spreadsheet layout ----------------------------------------------------------------

#: TimelineJS matches columns by lower-cased name without spaces.
_COLUMNS = {
    "year": "start_date.year",
    "month": "start_date.month",
    "day": "start_date.day",
    "time": "start_date.time",
    "endyear": "end_date.year",
    "endmonth": "end_date.month",
    "endday": "end_date.day",
    "endtime": "end_date.time",
    "displaydate": "display_date",
    "headline": "headline",
    "text": "text",
    "media": "media.url",
    "mediacredit": "media.credit",
    "mediacaption": "media.caption",
    "mediathumbnail": "media.thumbnail",
    "mediaalt": "media.alt",
    "mediatitle": "media.title",
    "medialink": "media.link",
    "medialinktarget": "media.link_target",
    "type": "type",
    "group": "group",
    "tag": "group",
    "background": "background",
}


def read_csv_slides(text: str, notes: Notes) -> list[Slide] | None:
    """The slides of a TimelineJS spreadsheet saved as CSV, one per non-empty row."""

    from timeline.formats.csv_format import rows_or_errors

    rows = rows_or_errors(text, notes)
    if rows is None:
        return None
    if not rows:
        notes.error(1, 1, "the file is empty")
        return None
    columns: dict[int, str] = {}
    for col, name in enumerate(rows[0]):
        key = "".join(name.split()).lower()
        if key in _COLUMNS:
            columns[col] = _COLUMNS[key]
        elif name.strip():
            notes.warn(
                1, col + 1, f"column '{name.strip()}' is not in the TimelineJS layout; left out"
            )
    if "start_date.year" not in columns.values():
        notes.error(1, 1, "no 'Year' column: not a TimelineJS spreadsheet")
        return None
    slides = []
    for number, row in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in row):
            slide = _csv_slide(number, row, columns, notes)
            if slide is not None:
                slides.append(slide)
    return slides


def _csv_slide(number: int, row: list[str], columns: dict[int, str], notes: Notes) -> Slide | None:
    slide = Slide((number, 1))
    for col, cell in enumerate(row):
        name = columns.get(col)
        if name is None:
            continue
        value = cell.strip()
        slide.where[name] = (number, col + 1)
        if name.startswith(("start_date.", "end_date.")):
            which, part = name.split(".")
            target = slide.start if which == "start_date" else slide.end
            if part == "time":
                if value and not _time(value, target, notes, (number, col + 1)):
                    return None
                for p in ("hour", "minute", "second", "millisecond"):
                    slide.where[f"{which}.{p}"] = (number, col + 1)
            elif value:
                target[part] = value
        elif name.startswith("media."):
            if value:
                slide.media[name[6:]] = value
        elif name == "type":
            kind = value.lower()
            if kind in ("title", "era"):
                slide.kind = kind
            elif kind:
                notes.warn(number, col + 1, f"type '{value}' is not title or era: read as an event")
        else:
            setattr(slide, name, value)
    return slide


_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{1,2}))?(?:[:.](\d{1,2})(?:[.,](\d+))?)?")
_PERIOD = re.compile(r"([AaPp])\.?[Mm]\.?\Z")
#: The longest time cell read (``12:30:45.123 P.M.`` is 17 characters).
_MAX_TIME = 32


def _time(text: str, target: dict[str, str], notes: Notes, pos: Pos) -> bool:
    """Parse a spreadsheet time as TimelineJS does (``14:30``, ``2:30 PM``, ``1430``)."""
    cell = text.strip()
    if len(cell) > _MAX_TIME:
        # No time is this long; the pattern below would also scan a long cell quadratically.
        notes.error(*pos, f"'{shown(cell, 20)}' is not a time", "write it as 14:30 or 2:30 PM")
        return False
    m = _PERIOD.search(cell)
    core, period = (cell[: m.start()].rstrip(), m[1].lower()) if m else (cell, None)
    if re.fullmatch(r"\d{3,4}", core):
        core = f"{core[:-2]}:{core[-2:]}"
    t = _TIME.fullmatch(core)
    if t is None:
        notes.error(*pos, f"'{shown(text)}' is not a time", "write it as 14:30 or 2:30 PM")
        return False
    hour = int(t[1])
    if period == "p" and hour != 12:
        hour += 12
    elif period == "a" and hour == 12:
        hour = 0
    target["hour"] = str(hour)
    target["minute"] = t[2] or "0"
    if t[3]:
        target["second"] = t[3]
    if t[4]:
        target["millisecond"] = t[4]
    return True
