"""The chronology as one self-contained HTML page.

The page loads nothing and runs nothing: styles are inline, fonts are the reader's own, the
chart is inlined SVG, and a Content-Security-Policy forbids any request. Each event is an
element whose ``id`` is the event id (so ``page.html#event-id`` links to it) and whose
dates are ``<time datetime>`` elements. ``lang`` and ``dir`` come from the locale. All user
text is escaped; only http and https URLs become links.
"""

from __future__ import annotations

import re
from html import escape

from timeline.i18n.phrases import Part
from timeline.loader._nodes import paused_gc
from timeline.model import Event, Timeline, View
from timeline.render.text._changes import ChangeNotes, ChangesSection, changes_section
from timeline.render.text._html_css import CHANGES_CSS, CSP, CSS
from timeline.render.text._outline import (
    Entry,
    Heading,
    Outline,
    SourceItem,
    datetime_attr,
    href,
    outline,
)

__all__ = ["inline_svg", "render"]

#: A contents list appears when the page has at least this many top-level sections.
CONTENTS_MIN = 3


_SPECIAL = re.compile("[&<>\"']")


def _e(text: str) -> str:
    # Most text has nothing to escape: one search is much cheaper than five replacements.
    return escape(text, quote=True) if _SPECIAL.search(text) else text


@paused_gc()
def render(
    timeline: Timeline,
    view: View,
    events: list[Event],
    *,
    locale: str,
    alt_text: str,
    svg: str | None,
    changes: ChangeNotes | None = None,
) -> str:
    """The view's chronology as an HTML page; ``svg`` is the chart as SVG text, if any;
    ``changes`` adds a "What changed since …" section and marks new and updated entries."""
    o = outline(timeline, view, events, locale)
    section = changes_section(changes, view, events, locale) if changes else None
    if section is not None and not (section.items or section.marks):
        section = None
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(locale)}" dir="{"rtl" if o.rtl else "ltr"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{_e(o.title)}</title>",
        f"<style>\n{CSS}{CHANGES_CSS if section else ''}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<h1 dir="auto">{_e(o.title)}</h1>',
    ]
    if o.subtitle:
        out.append(f'<p class="subtitle" dir="auto">{_e(o.subtitle)}</p>')
    out += [f'<p class="status">{_status(o, timeline)}</p>', "</header>"]
    if svg:
        out.append(f'<figure class="chart" dir="ltr">{inline_svg(svg, alt_text)}</figure>')
    if section is not None and section.items:
        out += _changes(section, o, timeline)
    out += _contents(o)
    out.append("<main>")
    if not o.entries:
        out.append(f'<p class="empty">{_e(o.words.empty)}</p>')
    out += _body(o, timeline, section.marks if section else {})
    out.append("</main>")
    if o.sources:
        out += [
            "<footer>",
            f'<h2 id="_sources">{_e(o.words.sources)}</h2>',
            '<ol class="sources">',
            *(_source(s, o) for s in o.sources),
            "</ol>",
            "</footer>",
        ]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _times(parts: tuple[Part, ...], timeline: Timeline) -> str:
    """A phrase with each of its dates marked up as ``<time datetime>``."""
    return "".join(
        f'<time datetime="{datetime_attr(d, timeline)}">{_e(text)}</time>'
        if d is not None
        else _e(text)
        for text, d in parts
    )


def _status(o: Outline, timeline: Timeline) -> str:
    text = _times(o.as_of, timeline)
    if o.times_in:
        text += " " + _e(o.words.times_in.format(o.times_in))
    return text


def _contents(o: Outline) -> list[str]:
    tops = [h for h in o.items if isinstance(h, Heading) and h.level == 1]
    if len(tops) < CONTENTS_MIN:
        return []
    links = "".join(f'<li><a href="#{_e(h.anchor)}"><bdi>{_e(h.text)}</bdi></a></li>' for h in tops)
    return [
        f'<nav class="contents" aria-labelledby="_contents">'
        f'<h2 id="_contents">{_e(o.words.contents)}</h2><ol>{links}</ol></nav>'
    ]


def _changes(section: ChangesSection, o: Outline, timeline: Timeline) -> list[str]:
    items = []
    for item in section.items:
        title = f"<bdi>{_e(item.title)}</bdi>"
        if item.anchor is not None:
            title = f'<a href="#{_e(item.anchor)}">{title}</a>'
        text = (
            f'<li class="{item.kind}"><span class="change">{_e(item.word)}</span> {title} '
            f"({_times(item.when, timeline)})"
        )
        if item.what:
            text += f" — {_e(item.what)}"
        items.append(text + "</li>")
    return [
        '<section class="changes" aria-labelledby="_changes">',
        f'<h2 id="_changes">{_e(section.heading)}</h2>',
        "<ul>",
        *items,
        "</ul>",
        "</section>",
    ]


def _body(o: Outline, timeline: Timeline, marks: dict[str, tuple[str, str]]) -> list[str]:
    out: list[str] = []
    writer = _Entries(o, timeline, marks)
    in_list = False
    for item in o.items:
        if isinstance(item, Heading):
            if in_list:
                out.append("</ol>")
                in_list = False
            out.append(_heading(item, timeline))
            continue
        if not in_list:
            out.append('<ol class="events">')
            in_list = True
        out.append(writer.entry(item))
    if in_list:
        out.append("</ol>")
    return out


def _heading(h: Heading, timeline: Timeline) -> str:
    tag = f"h{h.level + 1}"
    span = f' <span class="span">{_times(h.span, timeline)}</span>' if h.span else ""
    return f'<{tag} id="{_e(h.anchor)}"><bdi>{_e(h.text)}</bdi>{span}</{tag}>'


class _Entries:
    """Writes entries, each piece that repeats (citations, place and lane) once."""

    __slots__ = ("cites", "marks", "meta", "o", "timeline")

    def __init__(self, o: Outline, timeline: Timeline, marks: dict[str, tuple[str, str]]) -> None:
        self.o = o
        self.timeline = timeline
        self.marks = marks
        self.cites: dict[tuple[int, ...], str] = {}
        self.meta: dict[tuple[str | None, str | None], str] = {}

    def entry(self, e: Entry) -> str:
        """One event as a list item."""
        ev = e.event
        eid = _e(ev.id)
        classes = "event"
        badge = ""
        mark = self.marks.get(ev.id) if self.marks else None
        if mark is not None:
            classes += f" {mark[0]}"
            badge = f'<span class="change">{_e(mark[1])}</span> '
        title = f'<p class="title">{badge}<bdi>{_e(e.title)}</bdi>'
        if e.certainty:
            classes += " " + ev.certainty.value
            title += f' <span class="certainty">{_e(e.certainty)}</span>'
        if ev.is_milestone:
            classes += " milestone"
        if e.notes:
            title += self.footnotes(e.notes)
        summary = "".join(f'<p class="summary" dir="auto">{_e(p)}</p>' for p in e.summary)
        return (
            f'<li class="{classes}" id="{eid}">'
            f'<div class="when"><a href="#{eid}">{_times(e.when, self.timeline)}</a></div>'
            f'<div class="what">{title}</p>{summary}{self.place_and_lane(e)}</div></li>'
        )

    def footnotes(self, notes: tuple[int, ...]) -> str:
        text = self.cites.get(notes)
        if text is None:
            links = ",".join(
                f'<a href="#_source-{_e(self.o.source(n).source.id)}">{n}</a>' for n in notes
            )
            text = self.cites[notes] = f' <sup class="cites">[{links}]</sup>'
        return text

    def place_and_lane(self, e: Entry) -> str:
        key = (e.place, e.group.id if e.group else None)
        text = self.meta.get(key)
        if text is None:
            meta = []
            if e.place:
                meta.append(f'<bdi class="place">{_e(e.place)}</bdi>')
            if e.group:
                swatch = ""
                if e.group.color:
                    swatch = f'<span class="swatch" style="background:{_e(e.group.color)}"></span>'
                meta.append(f'<span class="group">{swatch}<bdi>{_e(e.group.label)}</bdi></span>')
            text = self.meta[key] = f'<p class="meta">{" · ".join(meta)}</p>' if meta else ""
        return text


def _source(s: SourceItem, o: Outline) -> str:
    w = o.words
    parts = [f"<bdi>{_e(s.publisher)}</bdi>"] if s.publisher else []
    opening, title, closing = w.quote_parts(s.title)
    parts.append(_e(opening) + f"<bdi>{_e(title)}</bdi>" + _e(closing))
    if s.date:
        parts.append(_e(s.date))
    text = _e(w.comma).join(parts) + "."
    if s.note:
        text += " " + " ".join(f"<bdi>{_e(p)}</bdi>" for p in s.note)
    if s.url:
        # dir="ltr" isolates the link: in a right-to-left page its final "/" stays put.
        link = f'href="{_e(href(s.url))}" rel="noreferrer"'
        text += f' <a class="url" dir="ltr" {link}>{_e(s.url)}</a>'
    return f'<li id="_source-{_e(s.source.id)}">{text}</li>'


_SVG_START = re.compile(r"<svg[\s>]")
_SVG_ROOT = re.compile(r"<svg\b[^>]*>")
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)


def inline_svg(svg: str, alt: str) -> str:
    """An SVG document as an element of the page, described by ``alt``.

    The XML declaration, doctype, comments and metadata go; ids are prefixed with
    ``_chart-`` so they cannot clash with event ids (which never start with "_"), and a
    repeated id gets a number, so the page stays valid.
    """
    m = _SVG_START.search(svg)
    if m is None:
        raise ValueError("the chart is not an SVG document")
    body = _COMMENT.sub("", _METADATA.sub("", svg[m.start() :])).strip()
    seen: dict[str, int] = {}

    def rename(m: re.Match[str]) -> str:
        # Ids must be unique in a page; references keep meaning the first, as in SVG.
        name = m.group(1)
        seen[name] = seen.get(name, 0) + 1
        suffix = f"-{seen[name]}" if seen[name] > 1 else ""
        return f'id="_chart-{name}{suffix}"'

    body = re.sub(r'\bid="([^"]*)"', rename, body)
    body = re.sub(r"url\(#([^)]*)\)", r"url(#_chart-\1)", body)
    body = re.sub(r'\b((?:xlink:)?href)="#([^"]*)"', r'\1="#_chart-\2"', body)
    root = _SVG_ROOT.match(body)
    assert root is not None
    tag = root.group()
    # The page sizes the chart; the viewBox keeps its proportions.
    tag = re.sub(r'\s(?:role|aria-label|aria-labelledby)="[^"]*"', "", tag)
    if "viewBox" in tag:
        tag = re.sub(r'\s(?:width|height)="[^"]*"', "", tag)
    label = _e(alt)
    tag = tag[:-1] + f' role="img" aria-label="{label}">'
    return f"{tag}<title>{label}</title>{body[root.end() :]}"
