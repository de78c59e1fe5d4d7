"""The HTML page without a browser: its charts as page markup, its policy, its size, and
what its script is given. (``test_html_browser.py`` opens it in Chromium; the golden pages
are in ``test_text.py``.)"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser

import pytest
from babel import Locale

from timeline.i18n.words import WORDS
from timeline.loader.validate import load, load_bytes
from timeline.model import Certainty, Event, Timeline, View
from timeline.query import select
from timeline.render.alt import alt_text
from timeline.render.text import html
from timeline.render.text._html_css import (
    MIN_TEXT_PX,
    ChartFit,
    breakpoint_px,
    fit,
    stylesheet,
    tablet_px,
)
from timeline.render.text._html_list import CERTAINTIES, DIGITS
from timeline.render.text._html_svg import Styles, chart_markup, event_groups
from timeline.render.text._html_words import page_words
from timeline.render.text._outline import outline

from ._svg import chart_svg
from .conftest import ROOT, SAMPLE

# -- charts as page markup ------------------------------------------------------------------


def _view(t: Timeline) -> View:
    return t.view(t.view_names()[0])


def _events(t: Timeline) -> list[Event]:
    return select(t, _view(t))


@pytest.fixture(scope="module")
def sample() -> Timeline:
    """The sample chronology."""
    return load(SAMPLE)


def _titles(events: list[Event]) -> Callable[[str], str | None]:
    return {e.id: e.title for e in events}.get


def test_chart_becomes_page_markup(sample: Timeline) -> None:
    """The SVG loses its prologue, metadata, own stylesheet and title block; styles become
    classes; referenced ids are renamed, the others dropped; labels, dates and marks link
    to their entries, the label read as the event's title, the others hidden from readers."""
    events = _events(sample)
    styles = Styles()
    m = chart_markup(
        chart_svg(events),
        None,
        prefix="a",
        css_class="ac",
        titles=_titles(events),
        styles=styles,
    )
    page = m.markup
    for gone in ("<?xml", "DOCTYPE", "metadata", "<!--", "<style", "style=", ">Title<", "m1"):
        assert gone not in page
    assert page.startswith('<svg class="ac" viewBox="0 23.667 200 56.333" role="group"')
    assert 'aria-labelledby="_alt"' in page
    assert '<path id="_a0"' in page
    assert 'xlink:href="#_a0"' in page
    first = events[0]
    label = escape(first.title, quote=True)
    assert f'<a href="#{first.id}" id="_a-{first.id}" aria-label="{label}">' in page
    # Its date line and mark link too, out of the keyboard's and screen readers' way.
    assert page.count(f'<a href="#{first.id}" tabindex="-1" aria-hidden="true">') == 2
    assert m.targets == {e.id: f"_a-{e.id}" for e in events[:3]}
    assert m.width == 200
    assert m.smallest_type == 7.0
    assert not m.dark
    assert 'transform="rotate' not in page
    light, dark = styles.css()
    assert "font-size:8px" in light
    assert dark == ""


def test_dark_drawing_gives_each_class_its_dark_colours(sample: Timeline) -> None:
    """A light and a dark drawing of one chart make one SVG; the dark scheme's rules
    change only what differs."""
    events = _events(sample)
    styles = Styles()
    m = chart_markup(
        chart_svg(events),
        chart_svg(events, dark=True),
        prefix="a",
        css_class="ac",
        titles=_titles(events),
        styles=styles,
    )
    assert m.dark
    light, dark = styles.css()
    assert "fill:#ffffff" in light
    assert "fill:#14171c" in dark
    assert "font-size" not in dark


def test_drawings_that_differ_keep_the_light_one(sample: Timeline) -> None:
    """When the dark drawing is not the light one recoloured, the light one serves both."""
    events = _events(sample)
    styles = Styles()
    m = chart_markup(
        chart_svg(events),
        chart_svg(events, dark=True, width=150),
        prefix="a",
        css_class="ac",
        titles=_titles(events),
        styles=styles,
    )
    assert not m.dark
    assert styles.css()[1] == ""
    assert "#e9e7e4" not in m.markup + styles.css()[0]


def test_a_label_for_no_event_of_the_page_is_not_linked(sample: Timeline) -> None:
    """A chart group naming an event the page does not list stays a plain group."""
    events = _events(sample)
    m = chart_markup(
        chart_svg(events),
        None,
        prefix="d",
        css_class="dn",
        titles=lambda eid: None,
        styles=Styles(),
    )
    assert "<a " not in m.markup
    assert m.targets == {}


def test_sample_chart_pairs_light_and_dark_and_links_every_label(sample: Timeline) -> None:
    """The real chart, drawn light and dark, pairs up; every event it labels is linked."""
    from timeline.render import RenderOptions, render_view

    view = sample.view("offensive")
    page = render_view(sample, view, RenderOptions(formats=("html", "svg")))
    svg = page["offensive.svg"].decode()
    text = page["offensive.html"].decode()
    labelled = {eid for eid, kinds in event_groups(svg).items() if "label" in kinds}
    assert labelled
    for eid in labelled:
        assert f'id="_a-{eid}"' in text
        assert f"<a class=ua href=#_a-{eid}>" in text
    assert "@media screen and (prefers-color-scheme:dark){.k" in text
    assert " style=" not in text


# -- the page -------------------------------------------------------------------------------


def _page(t: Timeline, view: str | None = None, **kw: object) -> str:
    v = t.view(view) if view else _view(t)
    events = select(t, v)
    return html.render(
        t,
        v,
        events,
        locale=t.locale,
        alt_text=alt_text(t, v, events, locale=t.locale),
        **kw,  # type: ignore[arg-type]
    )


def _sha(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_policy_allows_exactly_the_inline_style_and_script(sample: Timeline) -> None:
    """The page's policy names its stylesheet and script by hash and allows nothing else:
    no other script, no style attribute, no event handler, no inline allowance."""
    from ._svg import page_charts

    events = _events(sample)
    page = _page(sample, charts=page_charts(events))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert style is not None
    assert len(scripts) == 1
    assert policy.group(1) == (
        f"default-src 'none'; style-src 'sha256-{_sha(style.group(1))}'; "
        f"script-src 'sha256-{_sha(scripts[0])}'; base-uri 'none'; form-action 'none'"
    )
    assert "unsafe" not in page
    assert not re.search(r"\sstyle=", page)
    assert not re.search(r"\son[a-z]+=", page)
    assert "eval(" not in scripts[0]
    assert "new Function" not in scripts[0]


def test_page_without_events_runs_no_script(sample: Timeline) -> None:
    """An empty view's page has no controls and its policy allows no script."""
    page = html.render(sample, View("none"), [], locale="en", alt_text="a")
    assert "<script" not in page
    assert "script-src 'none'" in page
    assert "<form" not in page


def _bench_chronology(n: int) -> str:
    """The benchmarks' generated chronology (``bench/generate.py``), whose page the size
    goal is measured on."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.chronology(n)
    return text


@pytest.fixture(scope="module")
def generated() -> Timeline:
    """A generated chronology of 2,000 events."""
    return load_bytes(_bench_chronology(2000).encode(), "generated.yaml")


class _Entries(HTMLParser):
    """Each entry's id and text, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: dict[str, str] = {}
        self.current: str | None = None
        self.where: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div" and ("id", "_list") in attrs:
            self.where.append("list")
        if tag == "li" and self.where:
            self.current = dict(attrs)["id"]
            self.entries[self.current or ""] = ""
        if tag == "footer":
            self.where.clear()
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.entries[self.current] += data


def test_every_field_of_every_event_is_kept(generated: Timeline) -> None:
    """Each entry says its date, title, certainty, sources' numbers, summary, place and
    lane."""
    page = _page(generated)
    parser = _Entries()
    parser.feed(page)
    o = outline(generated, _view(generated), _events(generated), "en")
    assert list(parser.entries) == [e.event.id for e in o.entries]
    for e in o.entries:
        text = parser.entries[e.event.id]
        parts = [e.date, e.title, *e.summary, *(str(n) for n in e.notes)]
        parts += [p for p in (e.certainty, e.place, e.group.label if e.group else None) if p]
        for part in parts:
            assert part in text, (e.event.id, part)


def _size(page: str) -> tuple[int, int]:
    """The entries' text and markup (with the filter codes), in bytes."""
    import html as html_lib

    start = page.index('<div id="_list">')
    entries = re.findall(r"<li id=[^\n]*", page[start : page.index("</main>", start)])
    total = sum(len(e.encode()) + 1 for e in entries)
    text = sum(len(html_lib.unescape(re.sub(r"<[^>]*>", "", e)).encode()) for e in entries)
    data = re.search(r'<script type="application/json" id="_d">(.*?)</script>', page)
    assert data is not None
    codes = len(json.loads(data.group(1))["codes"].encode())
    return text, total - text + codes


def test_markup_is_at_most_half_the_text(generated: Timeline) -> None:
    """Around each entry the page spends at most half as many bytes on markup (and the
    script's codes) as on the text the entry carries."""
    text, markup = _size(_page(generated))
    assert markup <= text / 2, f"{markup / text:.3f}"


def test_filter_codes_give_each_events_profile(generated: Timeline) -> None:
    """Decoded, the codes give each entry its event's certainty, importance, lane and tags."""
    page = _page(generated)
    data = json.loads(re.search(r'id="_d">(.*?)</script>', page).group(1))  # type: ignore[union-attr]
    width, codes = data["width"], data["codes"]
    o = outline(generated, _view(generated), _events(generated), "en")
    assert len(codes) == width * len(o.entries)
    for i, e in enumerate(o.entries):
        number = 0
        for ch in codes[i * width : (i + 1) * width]:
            number = number * len(DIGITS) + DIGITS.index(ch)
        cert, importance, lane, tags = data["profiles"][number]
        ev = e.event
        assert CERTAINTIES[cert] is ev.certainty
        assert importance == ev.importance
        assert data["lanes"][lane] == (ev.group or "")
        assert {data["tags"][t] for t in tags} == set(ev.tags)


def test_long_runs_of_entries_are_split_into_sized_lists() -> None:
    """A section of 600 entries becomes lists of 256, 256 and 88, each marked with its size
    class."""
    t = load_bytes(
        (
            "title: T\nas_of: 2024-12-31\nevents:\n"
            + "".join(f"  - {{date: 2020, title: E{i}}}\n" for i in range(600))
        ).encode(),
        "t.yaml",
    )
    page = _page(t)
    assert re.findall(r"<ol class=h(\d)>", page) == ["9", "9", "7"]


def test_controls_offer_only_real_choices(sample: Timeline) -> None:
    """A filter appears only when the view has more than one value to choose from."""
    t = load_bytes(
        b"title: T\nas_of: 2024-12-31\nevents:\n"
        b"  - {date: 2020, title: A}\n  - {date: 2021, title: B, certainty: claimed}\n",
        "t.yaml",
    )
    page = _page(t)
    assert 'name="cert"' in page
    for absent in ('name="lane"', 'name="tag"', 'name="imp"'):
        assert absent not in page
    full = _page(sample)
    for present in ('name="lane"', 'name="cert"', 'name="imp"'):
        assert present in full


def test_charts_show_where_their_text_is_big_enough() -> None:
    """The across chart shows from the width at which its smallest text is 11 px, the
    column's down chart below it (when it needs less room), the phone's down chart below
    that; each never drawn smaller."""
    need = fit(864.0, 7.0)
    assert need == 1358
    assert fit(200, 8) * 8 / 200 >= MIN_TEXT_PX
    css = stylesheet(ChartFit(need, 280), "", "", {})
    assert f"@media (min-width:{breakpoint_px(ChartFit(need, 280))}px)" in css
    assert ".chart .ac{min-width:1358px;" in css
    assert ".chart .dn{min-width:280px;" in css
    three = ChartFit(need, 268, 646)
    css = stylesheet(three, "", "", {})
    assert tablet_px(three) == 698
    assert ".chart .tb{min-width:646px;" in css
    assert "@media (min-width:698px){.chart .tb{display:block}" in css
    assert tablet_px(ChartFit(need, 268, need + 10)) is None
    assert ".chart .tb{min-width" not in stylesheet(ChartFit(need, 268, need + 10), "", "", {})
    alone = stylesheet(ChartFit(need, None), "", "", {})
    assert "@media (min-width" not in alone.split("@media print")[1]
    assert ".chart .ac{display:none}" not in alone


@pytest.mark.parametrize("locale", list(WORDS))
def test_count_has_every_plural_form(locale: str) -> None:
    """The count's words have a form for each of the language's plural categories, or one
    form (``other``) worded so that nothing in it agrees with either number."""
    forms = page_words(locale).shown
    assert "other" in forms
    if len(forms) > 1:
        assert set(Locale.parse(locale).plural_form.tags) <= set(forms)
    for form in forms.values():
        assert "{shown}" in form
    assert all("{n}" in f for k, f in forms.items() if k not in ("one", "two", "zero"))


def test_certainty_words_cover_every_certainty() -> None:
    """Every certainty the filter offers has its word in every locale."""
    for locale in WORDS:
        names = {"reported": page_words(locale).reported, **WORDS[locale].certainty}
        assert set(names) == {c.value for c in Certainty}
