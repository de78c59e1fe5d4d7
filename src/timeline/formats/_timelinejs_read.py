"""Reading TimelineJS3 files: its JSON format and its spreadsheet layout saved as CSV.

:mod:`._timelinejs_slides` first turns both into :class:`Slide` records that remember where
each field was (``line:col`` in JSON, ``row:column`` in CSV); here they become a draft
chronology:

- the title slide gives the chronology's title and subtitle;
- each event slide gives an event: headline -> title (plain text), text -> summary (HTML
  as Markdown), start/end date parts -> dates at their own precision, group -> group;
- a media URL becomes a source (its credit and caption as publisher, title and note); a
  media block that is not a URL (an embedded quote) is added to the summary;
- eras become eras.

Whatever has no place in a chronology (backgrounds, thumbnails without a source, display
dates that say more than the date, milliseconds) is reported as a warning.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from timeline.dates import DateError, parse_date, parse_when
from timeline.errors import shown
from timeline.formats._draft import (
    Draft,
    DraftEvent,
    IdMaker,
    Notes,
    as_id,
    check_when,
    clean_text,
    event_id,
    is_id,
    one_line,
    split_title,
)
from timeline.formats._html import to_markdown, to_plain
from timeline.formats._timelinejs_slides import PARTS, Pos, Slide, read_csv_slides, read_json_slides
from timeline.i18n.phrases import date_phrase, when_phrase
from timeline.spec import is_url, slug, url_host

__all__ = ["read_csv", "read_json"]

_NEEDS = (("day", "month"), ("hour", "day"), ("minute", "hour"), ("second", "minute"))
_SEPARATORS = (("month", "-"), ("day", "-"), ("hour", "T"), ("minute", ":"), ("second", ":"))


def read_json(text: str, notes: Notes, *, file: str) -> Draft | None:
    """A draft from TimelineJS JSON."""
    slides = read_json_slides(text, notes)
    return None if slides is None else _Builder(notes, file).draft(slides)


def read_csv(text: str, notes: Notes, *, file: str) -> Draft | None:
    """A draft from TimelineJS's spreadsheet layout saved as CSV."""
    slides = read_csv_slides(text, notes)
    return None if slides is None else _Builder(notes, file).draft(slides)


# -- slides -> draft -----------------------------------------------------------------------


class _Builder:
    def __init__(self, notes: Notes, file: str) -> None:
        self.notes = notes
        self.file = file
        self.draft_ = Draft(title="")
        self.ids = IdMaker()
        #: The slides' own unique_ids given to events so far: a repeated one is replaced.
        self.used: set[str] = set()
        self.group_ids: dict[str, str] = {}
        self.groups = IdMaker()
        self.source_keys: dict[tuple[str, str], str] = {}
        self.sources = IdMaker()

    def warn(self, pos: Pos, message: str, hint: str | None = None) -> None:
        self.notes.warn(pos[0], pos[1], message, hint)

    def error(self, pos: Pos, message: str, hint: str | None = None) -> None:
        self.notes.error(pos[0], pos[1], message, hint)

    def draft(self, slides: list[Slide]) -> Draft:
        d = self.draft_
        titles = [s for s in slides if s.kind == "title"]
        for extra in titles[1:]:
            self.warn(extra.pos, "a second title slide: read as an event")
            extra.kind = "event"
        if titles:
            self._title(titles[0])
        else:
            stem = PurePath(self.file).stem.replace("_", " ").replace("-", " ").strip()
            d.title = (stem[:1].upper() + stem[1:]) or "Imported timeline"
            self.warn((1, 1), f"no title slide: the chronology is called '{d.title}'")
        self.ids.taken.update(
            s.unique_id for s in slides if s.kind == "event" and is_id(s.unique_id)
        )
        for slide in slides:
            if slide.kind == "event":
                event = self._event(slide)
                if event is not None:
                    d.events.append(event)
            elif slide.kind == "era":
                self._era(slide)
        return d

    # -- the title slide ---------------------------------------------------------------

    def _title(self, s: Slide) -> None:
        d = self.draft_
        title, _ = self._plain(s.headline, s.at("headline"), "headline")
        d.title = title or "Imported timeline"
        if not title:
            self.warn(
                s.at("headline"), "the title slide has no headline: the title is a placeholder"
            )
        subtitle, _ = self._plain(s.text, s.at("text"), "text")
        if subtitle:
            head, rest = split_title(subtitle)
            d.subtitle = head
            if rest is not None:
                self.warn(s.at("text"), "the title slide's text is cut to 300 characters")
        if s.media.get("url"):
            self.warn(s.at("media.url"), f"the title slide's media is left out: {s.media['url']}")
        if s.background:
            self.warn(s.at("background"), f"background is left out: {s.background}")
        if any(v for k, v in s.start.items() if k != "format"):
            self.warn(s.at("start_date"), "the title slide's date is left out")

    def _plain(self, html_text: str, pos: Pos, what: str) -> tuple[str, list[str]]:
        text, dropped = to_plain(self._clean(html_text, pos, what))
        for url in dropped:
            self.warn(pos, f"link in the {what} left out (titles are plain text): {url}")
        return text, dropped

    def _clean(self, text: str, pos: Pos, what: str) -> str:
        cleaned, removed = clean_text(text)
        if removed:
            self.warn(pos, f"{what}: removed characters a chronology cannot hold: {removed}")
        return cleaned

    # -- dates -------------------------------------------------------------------------

    def _date(self, s: Slide, which: str) -> str | None:
        """The EDTF text of a start or end date, or None (an error is reported)."""
        parts = s.start if which == "start_date" else s.end
        values: dict[str, int] = {}
        for part in PARTS:
            raw = "".join(parts.get(part, "").replace(",", "").split())
            if not raw:
                continue
            if not re.fullmatch(r"-?\d+", raw):
                self.error(
                    s.at(f"{which}.{part}"), f"{which}: {part} '{parts[part]}' is not a number"
                )
                return None
            values[part] = int(raw)
        if "year" not in values:
            self.error(s.at(which), f"{which} has no year")
            return None
        missing = [(p, q) for p, q in _NEEDS if p in values and q not in values]
        if missing:
            part, needs = missing[0]
            self.error(s.at(f"{which}.{part}"), f"{which} has a {part} but no {needs}")
            return None
        text = f"{values['year']:04d}" if values["year"] >= 0 else str(values["year"])
        for part, sep in _SEPARATORS:
            if part in values:
                text += f"{sep}{values[part]:02d}"
        if "hour" in values and "minute" not in values:
            text += ":00"
        if values.get("millisecond"):
            self.warn(s.at(f"{which}.millisecond"), f"{which}: milliseconds left out")
        try:
            parse_date(text)
        except DateError as exc:
            part = next((p for p in PARTS if exc.message.startswith(p)), "year")
            self.error(s.at(f"{which}.{part}"), f"{which}: {exc.message}", exc.hint)
            return None
        return text

    def _when(self, s: Slide) -> tuple[str, str | None] | None:
        start = self._date(s, "start_date")
        end = self._date(s, "end_date") if any(s.end.get(p) for p in PARTS) else None
        if start is None or (end is None and any(s.end.get(p) for p in PARTS)):
            return None
        _, exc, _ = check_when(start, end)
        if exc is not None:
            self.error(s.at("end_date"), exc.message, exc.hint)
            return None
        return start, end

    def _qualified(self, s: Slide, date: str, end: str | None) -> tuple[str, str | None]:
        """Dates as the slide's display date describes them, when it is the English phrase
        of the same dates with qualifiers or an open end (so ``c. 2019`` comes back as
        ``2019~`` and ``since 30 September 2015`` as an ongoing period). A display date
        saying anything else is reported: dates are always shown from their parts."""
        shown = one_line(s.display_date)
        if not shown:
            return date, end
        for candidate in _readings(date, end, _offsets(shown)):
            when, exc, _ = check_when(*candidate)
            if exc is None and when is not None and when_phrase(when) == shown:
                return candidate
        self.warn(
            s.at("display_date"),
            f"display date '{shown}' left out: dates are shown from their parts",
        )
        return date, end

    def _date_displays(self, s: Slide, date: str, end: str | None) -> None:
        """Report a start or end date's own display text unless it says what the date says."""
        start_phrase = date_phrase(parse_when(date).start)
        end_phrase = date_phrase(parse_date(end)) if end not in (None, "..") else None
        for which, parts, phrase in (
            ("start_date", s.start, start_phrase),
            ("end_date", s.end, end_phrase),
        ):
            shown = one_line(parts.get("display_date", ""))
            if shown and shown != phrase:
                self.warn(
                    s.at(f"{which}.display_date"),
                    f"{which} display date '{shown}' left out: dates are shown from their parts",
                )
            if parts.get("format"):
                self.warn(s.at(f"{which}.format"), f"{which} display format left out")

    # -- events ------------------------------------------------------------------------

    def _event(self, s: Slide) -> DraftEvent | None:
        dates = self._when(s)
        if dates is None:
            return None
        date, end = self._qualified(s, *dates)
        self._date_displays(s, date, end)
        summary = to_markdown(self._clean(s.text, s.at("text"), "text")) or None
        title, _ = self._plain(s.headline, s.at("headline"), "headline")
        if not title:
            title, summary = self._title_from_text(s, summary, date)
        title, rest = split_title(title)
        if rest is not None:
            self.warn(
                s.at("headline"), "headline longer than 300 characters: the rest starts the summary"
            )
            summary = rest + (f"\n\n{summary}" if summary else "")
        event = DraftEvent(
            date=date, end=end, title=title, summary=summary, line=s.pos[0], col=s.pos[1]
        )
        event.id = self._id(s, date, title)
        if s.group.strip():
            plain = self._plain(s.group, s.at("group"), "group")[0]
            event.group = self._group(plain or one_line(clean_text(s.group)[0]) or "group")
        self._media(s, event)
        if s.background:
            self.warn(s.at("background"), f"background is left out: {s.background}")
        return event

    def _title_from_text(self, s: Slide, summary: str | None, date: str) -> tuple[str, str | None]:
        if summary:
            first = one_line(summary.split("\n\n")[0].lstrip("> -"))
            self.warn(
                s.at("headline"), "slide has no headline: its text's first paragraph is the title"
            )
            return first, summary
        self.warn(s.at("headline"), "slide has no headline or text: the title is its date")
        return date, summary

    def _id(self, s: Slide, date: str, title: str) -> str:
        given = s.unique_id.strip()
        if given and is_id(given) and given not in self.used:
            self.used.add(given)
            return given
        made = event_id(date, title, self.ids)
        if given in self.used:
            self.warn(s.at("unique_id"), f"unique_id '{given}' is used twice: used '{made}'")
        elif given:
            self.warn(
                s.at("unique_id"), f"unique_id '{shown(given)}' is not a valid id: used '{made}'"
            )
        return made

    def _group(self, label: str) -> str:
        if label not in self.group_ids:
            gid = as_id(slug(label) or "group", self.groups, "group")
            self.group_ids[label] = gid
            self.draft_.groups[gid] = {"label": split_title(label)[0]}
        return self.group_ids[label]

    def _media(self, s: Slide, event: DraftEvent) -> None:
        media = {
            k: self._clean(v, s.at(f"media.{k}"), f"media {k}").strip()
            for k, v in s.media.items()
            if v.strip()
        }
        url = media.pop("url", "")
        caption, caption_links = to_plain(media.pop("caption", ""))
        credit, credit_links = to_plain(media.pop("credit", ""))
        links = [f"link: {u}" for u in caption_links + credit_links]
        extras = [f"{k}: {v}" for k, v in media.items() if k != "link_target"]
        if url.startswith("//"):
            self.warn(s.at("media.url"), f"media link without a scheme read as https:{url}")
            url = "https:" + url
        if not url:
            if caption or credit or extras:
                self.warn(s.at("media.url"), "media caption or credit without media left out")
            return
        if is_url(url):
            event.sources.append(self._source(url, caption, credit, links + extras))
            return
        block = to_markdown(url) or url
        credit_line = " — ".join(x for x in (caption, credit) if x)
        addition = block + (f"\n\n{credit_line}" if credit_line else "")
        event.summary = f"{event.summary}\n\n{addition}" if event.summary else addition
        if extras:
            self.warn(s.at("media.url"), f"media details left out: {'; '.join(extras)}")

    def _source(self, url: str, caption: str, credit: str, notes: list[str]) -> str:
        key = (url, caption)
        if key in self.source_keys:
            return self.source_keys[key]
        host = (url_host(url) or "link").removeprefix("www.")
        sid = self.sources.make(slug(credit) or slug(host) or "media")
        fields = {"title": split_title(caption or credit or host)[0]}
        if credit and caption:
            fields["publisher"] = split_title(credit)[0]
        fields["url"] = url
        if notes:
            fields["note"] = "\n".join(notes)
        self.source_keys[key] = sid
        self.draft_.sources[sid] = fields
        return sid

    # -- eras --------------------------------------------------------------------------

    def _era(self, s: Slide) -> None:
        dates = self._when(s)
        if dates is None:
            return
        title, _ = self._plain(s.headline, s.at("headline"), "headline")
        if not title:
            title = f"Era {len(self.draft_.eras) + 1}"
            self.warn(s.at("headline"), f"era without a headline: called '{title}'")
        if to_plain(s.text)[0]:
            self.warn(s.at("text"), "an era's text is left out (eras have only a title)")
        era = {"title": split_title(title)[0], "date": dates[0]}
        if dates[1] is not None:
            era["end"] = dates[1]
        self.draft_.eras.append(era)


def _readings(date: str, end: str | None, offsets: list[str]) -> list[tuple[str, str | None]]:
    """Every way of qualifying a start and end that the English phrases can tell apart; a
    time is also tried with each UTC offset the display date names."""
    zones = ["", *offsets]
    qualifiers = ("", "~", "?", "%")
    starts = [date + z + q for z in (zones if "T" in date else [""]) for q in qualifiers]
    out: list[tuple[str, str | None]] = []
    for first in starts:
        if end is not None:
            ends = [end + z for z in (zones if "T" in end else [""])]
            out.extend((first, last + q) for last in ends for q in qualifiers)
        else:
            out.append((first, None))
            out.append((first + "/", None))
        out.append((first, ".."))
    return out


_UTC_OFFSET = re.compile(r"\(UTC(?:([+\u2212-])(\d{1,2})(?::(\d{2}))?)?\)")


def _offsets(shown: str) -> list[str]:
    """The UTC offsets a display date names, as ``(UTC+3)`` our phrases write them."""
    found = []
    for sign, hours, minutes in re.findall(
        r"\(UTC(?:([+\u2212-])(\d{1,2})(?::(\d{2}))?)?\)", shown
    ):
        if not sign:
            found.append("Z")
        else:
            found.append(f"{'-' if sign != '+' else '+'}{int(hours):02d}:{minutes or '00'}")
    return list(dict.fromkeys(found))
