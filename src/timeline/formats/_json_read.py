"""Reading our own JSON export back into a draft chronology.

``when`` and the other fields are read as written; the computed ones (``date``, ``end``,
``end_kind``, ``precision``, ``range``) are ignored. Every value is checked the way the
loader would check it, and problems are reported at the value's ``line:col``.
"""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import Any

from timeline.dates import parse_when
from timeline.formats._common import is_color, split_when
from timeline.formats._draft import (
    Draft,
    DraftEvent,
    Notes,
    check_when,
    clean_text,
    is_id,
    split_title,
    words,
)
from timeline.formats._jsonpos import Located, parse
from timeline.spec import (
    CHART_SIZES,
    FORMAT,
    LAYOUTS,
    LOCALES,
    MAX_EVENTS,
    TRANSLATABLE,
    is_url,
    is_zone,
    zone_hint,
)

#: The ``format`` and ``version`` members that mark our own JSON export.
FORMAT_NAME = "timeline-json"
VERSION = 1

__all__ = ["read"]

_COMPUTED = frozenset({"date", "end", "end_kind", "precision", "range"})


def read(text: str, notes: Notes) -> Draft | None:
    """A draft from our own JSON export; problems go to ``notes``."""
    doc = parse(text, notes)
    if doc is None:
        return None
    root = doc.value
    if not isinstance(root, dict) or root.get("format") != FORMAT_NAME:
        notes.error(
            1,
            1,
            f'not a timeline JSON export (no "format": "{FORMAT_NAME}")',
            "for TimelineJS files use --from timelinejs",
        )
        return None
    return _Reader(doc, notes).draft()


class _Reader:
    def __init__(self, doc: Located, notes: Notes) -> None:
        self.doc = doc
        self.notes = notes
        #: The chronology's own language (translations are into others).
        self.locale = "en"
        #: The chronology's zone, once read: dates are checked in it, as the loader does.
        self.tz: tzinfo = UTC

    # -- typed access with positions ---------------------------------------------------

    def error(self, path: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        line, col = self.doc.at(path)
        self.notes.error(line, col, f"{_dotted(path)}: {message}" if path else message, hint)

    def warn(self, path: tuple[str | int, ...], message: str) -> None:
        line, col = self.doc.at(path)
        self.notes.warn(line, col, f"{_dotted(path)}: {message}")

    def text(
        self, obj: dict[str, Any], path: tuple[str | int, ...], key: str, *, required: bool = False
    ) -> str | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.error(path, f"'{key}' is required")
            return None
        if not isinstance(value, str):
            self.error((*path, key), "must be text")
            return None
        cleaned, removed = clean_text(value)
        if removed:
            self.warn((*path, key), f"removed characters a chronology cannot hold: {removed}")
        return cleaned

    def words(self, obj: dict[str, Any], path: tuple[str | int, ...], key: str) -> list[str]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error((*path, key), "must be a list of text")
            return []
        kept, notes = words(value)
        for note in dict.fromkeys(notes):
            self.warn((*path, key), note)
        return kept

    def objects(self, key: str) -> list[tuple[dict[str, Any], tuple[str | int, ...]]]:
        value = self.doc.value.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error((key,), "must be a list")
            return []
        out: list[tuple[dict[str, Any], tuple[str | int, ...]]] = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((item, (key, i)))
            else:
                self.error((key, i), "must be an object")
        return out

    def when(self, obj: dict[str, Any], path: tuple[str | int, ...]) -> str | None:
        text = self.text(obj, path, "when", required=True)
        if text is None:
            return None
        _, exc, _ = check_when(text, None, self.tz)
        if exc is not None:
            self.error((*path, "when"), exc.message, exc.hint)
            return None
        return text

    def title(self, obj: dict[str, Any], path: tuple[str | int, ...], key: str) -> str | None:
        text = self.text(obj, path, key)
        if text is None or not text.strip():
            return None
        title, rest = split_title(text)
        if rest is not None:
            self.warn((*path, key), "longer than one line of 300 characters: the rest is lost")
        return title

    def translations(
        self, obj: dict[str, Any], path: tuple[str | int, ...], kind: str
    ) -> dict[str, dict[str, str]]:
        """``translations``: locale -> texts, each checked as the text it translates."""
        value = obj.get("translations")
        if value is None:
            return {}
        here = (*path, "translations")
        if not isinstance(value, dict):
            self.error(here, "must be an object of locales")
            return {}
        out: dict[str, dict[str, str]] = {}
        for locale, texts in value.items():
            if locale not in LOCALES or locale == self.locale:
                self.error((*here, locale), f"'{locale}' is not another supported locale")
                continue
            if not isinstance(texts, dict):
                self.error((*here, locale), "must be an object of texts")
                continue
            got: dict[str, str] = {}
            for key in texts:
                if key not in TRANSLATABLE[kind]:
                    self.warn((*here, locale, key), "cannot be translated and is left out")
                    continue
                text = (
                    self.text(texts, (*here, locale), key)
                    if key == "summary"
                    else self.title(texts, (*here, locale), key)
                )
                if text:
                    got[key] = text
            if got:
                out[locale] = got
        return out

    # -- the parts ---------------------------------------------------------------------

    def draft(self) -> Draft | None:
        root: dict[str, Any] = self.doc.value
        if root.get("version") != VERSION:
            self.error(("version",), f"version {root.get('version')!r} is not supported")
            return None
        title = self.title(root, (), "title")
        if title is None:
            self.error((), "'title' is required")
            return None
        draft = Draft(title=title, subtitle=self.title(root, (), "subtitle"))
        self._settings(root, draft)
        self.locale = draft.locale or "en"
        draft.translations = self.translations(root, (), "top")
        self._sources(draft)
        self._groups(draft)
        self._eras(draft)
        self._events(draft)
        self._views(draft)
        return draft

    def _settings(self, root: dict[str, Any], draft: Draft) -> None:
        locale = root.get("locale", "en")
        if locale not in LOCALES:
            self.error(("locale",), f"must be one of {', '.join(LOCALES)}")
        elif locale != "en":
            draft.locale = locale
        zone = root.get("timezone", "UTC")
        if not isinstance(zone, str) or not is_zone(zone):
            shown = zone[:64] if isinstance(zone, str) else zone
            hint = zone_hint(zone) if isinstance(zone, str) else None
            self.error(("timezone",), f"unknown time zone {shown!r}", hint)
        elif zone != "UTC":
            from zoneinfo import ZoneInfo

            draft.timezone = zone
            self.tz = ZoneInfo(zone)
        as_of = root.get("as_of")
        if isinstance(as_of, dict) and as_of.get("given"):
            date = as_of.get("date")
            _, exc, _ = check_when(date if isinstance(date, str) else "", None, self.tz)
            if exc is not None or not isinstance(date, str) or "/" in date:
                self.error(("as_of", "date"), "must be a single date")
            else:
                draft.as_of = date

    def _sources(self, draft: Draft) -> None:
        for obj, path in self.objects("sources"):
            sid = self.text(obj, path, "id", required=True)
            title = self.title(obj, path, "title")
            if sid is None or title is None:
                if title is None:
                    self.error(path, "'title' is required")
                continue
            if not is_id(sid) or sid in draft.sources:
                self.error((*path, "id"), f"'{sid}' is not a valid, unique source id")
                continue
            fields = {"title": title}
            publisher = self.title(obj, path, "publisher")
            if publisher:
                fields["publisher"] = publisher
            date = self.text(obj, path, "date")
            if date is not None:
                _, exc, _ = check_when(date, None, self.tz)
                if exc is not None:
                    self.error((*path, "date"), exc.message, exc.hint)
                else:
                    fields["date"] = date
            url = self.text(obj, path, "url")
            if url is not None:
                if is_url(url):
                    fields["url"] = url
                else:
                    self.error((*path, "url"), "must be an http:// or https:// link")
            note = self.text(obj, path, "note")
            if note:
                fields["note"] = note
            draft.sources[sid] = fields

    def _groups(self, draft: Draft) -> None:
        for obj, path in self.objects("groups"):
            gid = self.text(obj, path, "id", required=True)
            if gid is None:
                continue
            if not is_id(gid) or gid in draft.groups:
                self.error((*path, "id"), f"'{gid}' is not a valid, unique group id")
                continue
            fields: dict[str, Any] = {"label": self.title(obj, path, "label") or gid}
            color = self.text(obj, path, "color")
            if color is not None:
                if is_color(color):
                    fields["color"] = color
                else:
                    self.error((*path, "color"), f"'{color}' is not a colour")
            translations = self.translations(obj, path, "group")
            if translations:
                fields["translations"] = translations
            draft.groups[gid] = fields

    def _eras(self, draft: Draft) -> None:
        for obj, path in self.objects("eras"):
            title = self.title(obj, path, "title")
            when = self.when(obj, path)
            if title is None:
                self.error(path, "'title' is required")
            if title is None or when is None:
                continue
            era: dict[str, Any] = {"title": title, "date": when}
            color = self.text(obj, path, "color")
            if color is not None:
                if is_color(color):
                    era["color"] = color
                else:
                    self.error((*path, "color"), f"'{color}' is not a colour")
            translations = self.translations(obj, path, "era")
            if translations:
                era["translations"] = translations
            draft.eras.append(era)

    def _events(self, draft: Draft) -> None:
        ids: set[str] = set()
        events = self.doc.value.get("events")
        if isinstance(events, list) and len(events) > MAX_EVENTS:
            self.error(
                ("events", MAX_EVENTS),
                f"more than {MAX_EVENTS:,} events; a chronology holds at most {MAX_EVENTS:,}",
                "split the file into several",
            )
            return
        for obj, path in self.objects("events"):
            event = self._event(obj, path, draft, ids)
            if event is not None:
                draft.events.append(event)
        for event in draft.events:
            kept = [r for r in event.related if r in ids and r != event.id]
            for r in event.related:
                if r not in kept:
                    self.notes.warn(
                        event.line,
                        event.col,
                        f"event '{event.id}': related event '{r}' is not in the file; "
                        "the link is left out",
                    )
            event.related = kept

    def _event(
        self, obj: dict[str, Any], path: tuple[str | int, ...], draft: Draft, ids: set[str]
    ) -> DraftEvent | None:
        for key in obj:
            if key not in _EVENT_KEYS and key not in _COMPUTED:
                self.warn((*path, key), "is not part of the format and is left out")
        eid = self.text(obj, path, "id", required=True)
        when = self.when(obj, path)
        title = self.title(obj, path, "title")
        if obj.get("title") is None:
            self.error(path, "'title' is required")
        elif title is None and isinstance(obj["title"], str):
            self.error((*path, "title"), "is empty")
        if eid is not None and (not is_id(eid) or eid in ids):
            self.error((*path, "id"), f"'{eid}' is not a valid, unique event id")
            eid = None
        if eid is None or when is None or title is None:
            return None
        ids.add(eid)
        line, col = self.doc.at(path)
        date, end = _date_and_end(when)
        event = DraftEvent(date=date, end=end, title=title, id=eid, line=line, col=col)
        event.summary = self.text(obj, path, "summary") or None
        event.place = self.title(obj, path, "place")
        event.tags = self.words(obj, path, "tags")
        event.related = self.words(obj, path, "related")
        group = self.text(obj, path, "group")
        if group is not None and group not in draft.groups:
            self.error((*path, "group"), f"unknown group '{group}'")
        event.group = group
        event.sources = self.words(obj, path, "sources")
        for i, sid in enumerate(event.sources):
            if sid not in draft.sources:
                self.error((*path, "sources", i), f"unknown source '{sid}'")
        certainty = obj.get("certainty", "reported")
        if certainty not in ("confirmed", "reported", "claimed", "disputed"):
            self.error((*path, "certainty"), "must be confirmed, reported, claimed or disputed")
        elif certainty != "reported":
            event.certainty = certainty
        importance = obj.get("importance", 2)
        if importance not in (1, 2, 3) or isinstance(importance, bool):
            self.error((*path, "importance"), "must be 1, 2 or 3")
        elif importance != 2:
            event.importance = importance
        event.translations = self.translations(obj, path, "event")
        return event

    def _views(self, draft: Draft) -> None:
        for obj, path in self.objects("views"):
            name = self.text(obj, path, "name", required=True)
            if name is None:
                continue
            if not is_id(name) or name in draft.views:
                self.error((*path, "name"), f"'{name}' is not a valid, unique view name")
                continue
            view: dict[str, Any] = {}
            for key in ("title", "subtitle"):
                value = self.title(obj, path, key)
                if value is not None:
                    view[key] = value
            for key in ("from", "to"):
                value = self.text(obj, path, key)
                if value is None:
                    continue
                _, exc, _ = check_when(value, None, self.tz)
                if exc is not None:
                    self.error((*path, key), exc.message, exc.hint)
                else:
                    view[key] = value
            for key in ("groups", "tags"):
                words = self.words(obj, path, key)
                if words:
                    view[key] = words
            for key in ("min_importance", "omit_below"):
                importance = obj.get(key, 1)
                if importance not in (1, 2, 3) or isinstance(importance, bool):
                    self.error((*path, key), "must be 1, 2 or 3")
                elif importance != 1:
                    view[key] = str(importance)
            size = obj.get("size")
            if size is not None and size not in CHART_SIZES:
                self.error((*path, "size"), "must be one of " + ", ".join(CHART_SIZES))
            elif size is not None:
                view["size"] = size
            layout = obj.get("layout", "auto")
            if layout not in LAYOUTS:
                self.error((*path, "layout"), "must be across, down or auto")
            elif layout != "auto":
                view["layout"] = layout
            translations = self.translations(obj, path, "view")
            if translations:
                view["translations"] = translations
            draft.views[name] = view


#: The members of an event in our JSON: the format's keys, with ``date`` and ``end`` as one
#: ``when``.
_EVENT_KEYS = (frozenset(FORMAT["event"]) - {"date", "end"}) | {"when"}


def _date_and_end(when_text: str) -> tuple[str, str | None]:
    """The ``date`` and ``end`` of a ``when`` already checked."""
    return split_when(parse_when(when_text))


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
