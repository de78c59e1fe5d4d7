"""The chronology as one self-contained HTML page.

The page loads nothing: its stylesheet and script are inline, fonts are the reader's own,
the charts are inline SVG, and a Content-Security-Policy allows that one stylesheet and
that one script (by their hashes) and nothing else. With scripts off it is the full
chronology; with them, the reader can filter and search it (see ``_html_script``).

Each event is a list item whose ``id`` is the event id (so ``page.html#event-id`` opens on
it) and whose dates are ``<time>`` elements; ``lang`` and ``dir`` come from the locale. The
chart comes twice when there is a down chart: the down chart for narrow screens and the
across chart for wide ones and for print, chosen by the stylesheet. Its labels link to
their entries and the entries back to them. All user text is escaped; only http and https
URLs become links.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from timeline.loader._nodes import paused_gc
from timeline.model import Event, Timeline, View
from timeline.render.text._changes import ChangeNotes, ChangesSection, changes_section
from timeline.render.text._html_css import (
    CHANGES_CSS,
    ChartFit,
    csp,
    fit,
    stylesheet,
    tablet_px,
)
from timeline.render.text._html_list import CERTAINTIES, Entries, FilterData, attr, esc, times
from timeline.render.text._html_script import SCRIPT
from timeline.render.text._html_svg import ChartMarkup, Styles, chart_markup
from timeline.render.text._html_words import PageWords, page_words
from timeline.render.text._outline import Heading, Outline, SourceItem, href, one_line, outline

__all__ = ["Charts", "render"]

#: A contents list appears when the page has at least this many top-level sections.
CONTENTS_MIN = 3


@dataclass(frozen=True, slots=True)
class Charts:
    """The charts a page shows, as SVG texts: the across chart and, for narrow screens, the
    down chart, each drawn in the light theme and (for readers who prefer it) the dark."""

    across: str
    down: str | None = None
    across_dark: str | None = None
    down_dark: str | None = None
    #: The down chart at the column's width, for screens between a phone's and the across
    #: chart's.
    tablet: str | None = None
    tablet_dark: str | None = None


@paused_gc()
def render(
    timeline: Timeline,
    view: View,
    events: list[Event],
    *,
    locale: str,
    alt_text: str,
    charts: Charts | None = None,
    changes: ChangeNotes | None = None,
) -> str:
    """The view's chronology as an HTML page, with ``charts`` when given; ``changes`` adds
    a "What changed since …" section and marks new and updated entries."""
    o = outline(timeline, view, events, locale)
    section = changes_section(changes, view, events, locale) if changes else None
    if section is not None and not (section.items or section.marks):
        section = None
    pw = page_words(locale)
    styles = Styles()
    across = down = tablet = None
    if charts is not None:
        by_id = {e.id: e for e in events}

        def titles(eid: str) -> str | None:
            event = by_id.get(eid)
            return one_line(event.title) if event is not None else None

        across = chart_markup(
            charts.across,
            charts.across_dark,
            prefix="a",
            css_class="ac",
            titles=titles,
            styles=styles,
        )
        if charts.down is not None:
            down = chart_markup(
                charts.down,
                charts.down_dark,
                prefix="d",
                css_class="dn",
                titles=titles,
                styles=styles,
            )
        if charts.tablet is not None and down is not None:
            tablet = chart_markup(
                charts.tablet,
                charts.tablet_dark,
                prefix="t",
                css_class="tb",
                titles=titles,
                styles=styles,
            )
    fitting = None
    if across is not None:
        fitting = ChartFit(
            fit(across.width, across.smallest_type),
            fit(down.width, down.smallest_type) if down is not None else None,
            fit(tablet.width, tablet.smallest_type) if tablet is not None else None,
        )
        if tablet_px(fitting) is None:
            tablet = None  # it would never show
    back: dict[str, list[tuple[str, str]]] = {}
    for css, markup in (("ua", across), ("ut", tablet), ("ud", down)):
        if markup is not None:
            for eid, target in markup.targets.items():
                back.setdefault(eid, []).append((css, target))
    entries = Entries(o, timeline, events, back, pw.in_chart, section.marks if section else {})
    body = _body(o, timeline, entries)
    data = entries.data
    lanes = {k: timeline.groups[g].color or "" for g, k in entries.colours.items()}
    light, dark = styles.css()
    css = stylesheet(fitting, light, dark, lanes) + (CHANGES_CSS if section else "")
    script = SCRIPT if events else None
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(locale)}" dir="{"rtl" if o.rtl else "ltr"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp(css, script)}">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{esc(o.title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
    ]
    if across is not None:
        out.append(f'<a class="skip" href="#_list">{esc(pw.skip_chart)}</a>')
    out.append("<main>")
    out.append('<div class="cover">' if across is not None else "<div>")
    out += _header(o, timeline)
    if events:
        out.append(_controls(o, timeline, data, pw))
    if across is not None:
        out.append(_figure(across, tablet, down, alt_text, pw))
    out.append("</div>")
    if section is not None and section.items:
        out += _changes(section, timeline)
    out += _contents(o)
    out.append('<div id="_list">')
    if not o.entries:
        out.append(f'<p class="empty">{esc(o.words.empty)}</p>')
    out += body
    out += ["</div>", "</main>"]
    if o.sources:
        out += [
            "<footer>",
            f'<h2 id="_sources">{esc(o.words.sources)}</h2>',
            '<ol class="sources">',
            *(_source(s, o) for s in o.sources),
            "</ol>",
            "</footer>",
        ]
    if script is not None:
        out.append(
            f'<script type="application/json" id="_d">{_json(o, timeline, data, pw)}</script>'
        )
        out.append(f"<script>{script}</script>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _header(o: Outline, timeline: Timeline) -> list[str]:
    out = ["<header>", f'<h1 dir="auto">{esc(o.title)}</h1>']
    if o.subtitle:
        out.append(f'<p class="subtitle" dir="auto">{esc(o.subtitle)}</p>')
    out += [f'<p class="status">{_status(o, timeline)}</p>', "</header>"]
    return out


def _status(o: Outline, timeline: Timeline) -> str:
    text = times(o.as_of, timeline)
    if o.times_in:
        text += " " + esc(o.words.times_in.format(o.times_in))
    return text


def _figure(
    across: ChartMarkup,
    tablet: ChartMarkup | None,
    down: ChartMarkup | None,
    alt: str,
    pw: PageWords,
) -> str:
    charts = "".join(c.markup for c in (across, tablet, down) if c is not None)
    return (
        f'<figure class="chart" dir="ltr">{charts}'
        f'<figcaption><p id="_alt">{esc(alt)}</p><p>{esc(pw.alternative)}</p></figcaption>'
        "</figure>"
    )


def _controls(o: Outline, timeline: Timeline, data: FilterData, pw: PageWords) -> str:
    """The search box and filters; hidden until the script shows them (they need it)."""
    parts = [
        f'<form id="_f" role="search" aria-label="{esc(pw.filters)}" hidden>',
        f'<p><label for="_q">{esc(pw.search)}</label>'
        '<input id="_q" name="q" type="search" autocomplete="off"></p>',
    ]
    filters = []
    if len(data.lanes) > 1:
        boxes = "".join(
            _box("lane", gid or "_", timeline.groups[gid].label if gid else pw.no_lane)
            for gid in data.lanes
        )
        filters.append(f"<fieldset><legend>{esc(pw.lanes)}</legend>{boxes}</fieldset>")
    if len(data.certainties) > 1:
        names = {"reported": pw.reported, **o.words.certainty}
        boxes = "".join(
            _box("cert", c.value, names[c.value]) for c in CERTAINTIES if c in data.certainties
        )
        filters.append(f"<fieldset><legend>{esc(pw.certainty)}</legend>{boxes}</fieldset>")
    if data.tags:
        options = "".join(f"<option>{esc(t)}</option>" for t in sorted(data.tags))
        filters.append(
            f'<p><label for="_t">{esc(pw.tag)}</label> <select id="_t" name="tag">'
            f'<option value="">{esc(pw.any_tag)}</option>{options}</select></p>'
        )
    if len(data.importances) > 1:
        levels = [(1, pw.importance_any), (2, pw.importance_major), (3, pw.importance_milestones)]
        options = "".join(f'<option value="{v}">{esc(text)}</option>' for v, text in levels)
        filters.append(
            f'<p><label for="_i">{esc(pw.importance)}</label> '
            f'<select id="_i" name="imp">{options}</select></p>'
        )
    if filters:
        parts.append(
            f"<details><summary>{esc(pw.more_filters)}</summary>{''.join(filters)}"
            f'<p><button type="reset">{esc(pw.reset)}</button></p></details>'
        )
    parts.append('<p><output id="_n" for="_q"></output></p></form>')
    return "".join(parts)


def _box(name: str, value: str, label: str) -> str:
    return (
        f'<label><input type="checkbox" name="{name}" value="{esc(value)}" checked> '
        f"{esc(label)}</label>"
    )


def _json(o: Outline, timeline: Timeline, data: FilterData, pw: PageWords) -> str:
    """The script's data: lanes, tags, the entries' codes and the count's words."""
    labels = [timeline.groups[g].label if g else "" for g in data.lanes]
    text = json.dumps(
        {
            "lanes": data.lanes,
            "labels": [one_line(label) for label in labels],
            "sep": " · ",
            "tags": data.tags,
            "profiles": [[c, i, lane, list(tags)] for c, i, lane, tags in data.profiles],
            "shown": pw.shown,
            "width": data.width(),
            "codes": data.encoded(),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    # Nothing in it may end the script element or open a comment.
    return text.replace("<", "\\u003c")


def _changes(section: ChangesSection, timeline: Timeline) -> list[str]:
    items = []
    for item in section.items:
        title = f"<bdi>{esc(item.title)}</bdi>"
        if item.anchor is not None:
            title = f'<a href="#{esc(item.anchor)}">{title}</a>'
        line = (
            f'<li class="{item.kind}"><span class="change">{esc(item.word)}</span> {title} '
            f"({times(item.when, timeline)})"
        )
        if item.what:
            line += f" — {esc(item.what)}"
        items.append(line + "</li>")
    return [
        '<section class="changes" aria-labelledby="_changes">',
        f'<h2 id="_changes">{esc(section.heading)}</h2>',
        "<ul>",
        *items,
        "</ul>",
        "</section>",
    ]


def _contents(o: Outline) -> list[str]:
    tops = [h for h in o.items if isinstance(h, Heading) and h.level == 1]
    if len(tops) < CONTENTS_MIN:
        return []
    links = "".join(
        f'<li><a href="#{esc(h.anchor)}"><bdi>{esc(h.text)}</bdi></a></li>' for h in tops
    )
    return [
        f'<nav class="contents" aria-labelledby="_contents">'
        f'<h2 id="_contents">{esc(o.words.contents)}</h2><ol>{links}</ol></nav>'
    ]


#: The most entries one ``<ol>`` holds: a longer run of entries is split into lists of
#: this many, so the browser lays out only the lists on screen (see ``LIST_SIZES``).
LIST_MAX = 256


def _body(o: Outline, timeline: Timeline, entries: Entries) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    entry = entries.entry

    def close() -> None:
        # Each list says roughly how long it is, for the space it takes before it is drawn.
        out.append(f"<ol class=h{len(run).bit_length()}>")
        out.extend(run)
        out.append("</ol>")
        run.clear()

    for item in o.items:
        if isinstance(item, Heading):
            if run:
                close()
            out.append(_heading(item, timeline))
            continue
        run.append(entry(item, timeline))
        if len(run) == LIST_MAX:
            close()
    if run:
        close()
    return out


def _heading(h: Heading, timeline: Timeline) -> str:
    tag = f"h{h.level + 1}"
    span = f' <span class="span">{times(h.span, timeline)}</span>' if h.span else ""
    return f"<{tag} id={attr(h.anchor)}><bdi>{esc(h.text)}</bdi>{span}</{tag}>"


def _source(s: SourceItem, o: Outline) -> str:
    w = o.words
    parts = [f"<bdi>{esc(s.publisher)}</bdi>"] if s.publisher else []
    opening, title, closing = w.quote_parts(s.title)
    parts.append(esc(opening) + f"<bdi>{esc(title)}</bdi>" + esc(closing))
    if s.date:
        parts.append(esc(s.date))
    text = esc(w.comma).join(parts) + "."
    if s.note:
        text += " " + " ".join(f"<bdi>{esc(p)}</bdi>" for p in s.note)
    if s.url:
        # dir="ltr" isolates the link: in a right-to-left page its final "/" stays put.
        link = f'href="{esc(href(s.url))}" rel="noreferrer"'
        text += f' <a class="url" dir="ltr" {link}>{esc(s.url)}</a>'
    return f'<li id="_s{s.number}">{text}</li>'
