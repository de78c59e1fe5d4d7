"""The text chronologies: Markdown, plain text and HTML.

Golden cases live in ``tests/data/text/<case>/``: ``input.yaml`` beside the expected
``<view>.md``, ``<view>.txt`` and ``<view>.html`` of each view. Set
``TIMELINE_REGEN_GOLDENS=1`` to rewrite them from the current code, then review the diff.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.dates import Date, EndKind, Precision, When
from timeline.i18n.content import translate
from timeline.loader.validate import load, load_bytes
from timeline.model import Certainty, Era, Event, Group, Source, Timeline, View
from timeline.query import select
from timeline.render import alt
from timeline.render.alt import alt_text
from timeline.render.text import _sections as _text_sections
from timeline.render.text import html, markdown
from timeline.render.text import plain as text
from timeline.render.text._outline import DENSE_YEAR, Heading, clean, datetime_attr, outline

from ._svg import page_charts
from .conftest import DATA, REGEN

CASES = sorted(p.parent.name for p in (DATA / "text").glob("*/input.yaml"))


def _outputs(case: str) -> dict[str, str]:
    """Every output of a case: in the file's language, or, when the case has a file
    ``locales``, in each language it lists (``<view>.<locale>.md``...), the file's
    translations used as ``timeline render --locale`` uses them."""
    folder = DATA / "text" / case
    original = load(folder / "input.yaml")
    listed = folder / "locales"
    locales = listed.read_text(encoding="utf-8").split() if listed.exists() else [None]
    out = {}
    for chosen in locales:
        locale = chosen or original.locale
        t = translate(original, locale).timeline
        for name in t.view_names():
            view = t.view(name)
            events = select(t, view)
            alt = alt_text(t, view, events, locale=locale)
            base = f"{name}.{chosen}" if chosen else name
            out[f"{base}.md"] = markdown.render(
                t, view, events, locale=locale, alt_text=alt, image=f"{base}.png"
            )
            out[f"{base}.txt"] = text.render(t, view, events, locale=locale)
            out[f"{base}.html"] = html.render(
                t, view, events, locale=locale, alt_text=alt, charts=page_charts(events)
            )
    return out


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    """Each case renders exactly its expected Markdown, text and HTML."""
    folder = DATA / "text" / case
    outputs = _outputs(case)
    if REGEN:
        for name, content in outputs.items():
            (folder / name).write_text(content, encoding="utf-8")
    expected = {p.name for p in folder.iterdir() if p.name not in ("input.yaml", "locales")}
    assert expected == set(outputs), "a golden file is missing or left over"
    for name, content in outputs.items():
        assert content == (folder / name).read_text(encoding="utf-8"), f"{case}/{name}"


def test_golden_cases_cover_the_brief() -> None:
    """The golden cases include date forms, eras, empty views, escaping, fr and ar, and a
    chronology rendered through its translations."""
    assert {"date-forms", "eras-certainty", "empty-view", "escaping", "fr", "ar", "translated"} <= (
        set(CASES)
    )


# -- Structure ------------------------------------------------------------------------------


def test_dense_year_gets_month_headings() -> None:
    """A year with more than DENSE_YEAR events gets month subheadings, after its
    year-precision events."""
    t = load(DATA / "text" / "eras-certainty" / "input.yaml")
    o = outline(t, t.view("everything"), select(t, t.view("everything")), "en")
    texts = [i.text if isinstance(i, Heading) else i.event.id for i in o.items]
    start = texts.index("2019")
    assert texts[start + 1] == "m00"
    assert texts[start + 2] == "January 2019"
    assert sum(1 for x in texts if x == "2016") == 1
    dense = [i for i in o.entries if i.event.date.year == 2019]
    assert len(dense) > DENSE_YEAR


def test_eras_head_their_events_and_others_get_years() -> None:
    """Events inside an era sit under its heading; events outside any era under a year."""
    t = load(DATA / "text" / "eras-certainty" / "input.yaml")
    o = outline(t, t.view("everything"), select(t, t.view("everything")), "en")
    tops = [i.text for i in o.items if isinstance(i, Heading) and i.level == 1]
    assert tops == ["2010", "First era", "2016", "Second era"]
    anchors = [i.anchor for i in o.items if isinstance(i, Heading)]
    assert len(anchors) == len(set(anchors))


def test_weekdays_only_in_dense_cluster() -> None:
    """Dates on days crowded with events name the weekday; an isolated day does not."""
    t = load(DATA / "text" / "date-forms" / "input.yaml")
    o = outline(t, t.view("all"), select(t, t.view("all")), "en")
    when = {e.event.id: "".join(x for x, _ in e.when) for e in o.entries}
    assert when["cluster-1"] == "Wednesday 27 November 2024"
    assert when["cluster-5"] == "Wednesday 27 – Friday 29 November 2024"
    assert when["day"] == "15 March 2015"


def test_text_lines_fit_80_columns() -> None:
    """Every plain-text line fits in 80 columns unless it is one unbreakable word."""
    for case in CASES:
        for name, content in _outputs(case).items():
            if not name.endswith(".txt"):
                continue
            for line in content.splitlines():
                if text.display_width(line) > text.WIDTH:
                    assert " " not in line.strip(), (case, line)


@pytest.mark.parametrize(
    ("date", "lines"),
    [
        ("À partir de février 2023 environ", ["À partir de février", "2023 environ"]),
        ("Depuis le 30 septembre 2015", ["Depuis le", "30 septembre 2015"]),
        ("Wednesday 27 November 2024", ["Wednesday", "27 November 2024"]),
        ("2 May 2016, 06:30 (UTC+3)", ["2 May 2016,", "06:30 (UTC+3)"]),
        ("Wednesday 27 – Friday 29 November 2024", ["Wednesday 27 – Friday 29", "November 2024"]),
        ("15 March 2011", ["15 March 2011"]),
    ],
)
def test_date_column_leaves_no_word_alone(date: str, lines: list[str]) -> None:
    """A date that wraps in its column never leaves one word alone on its last line, and
    never breaks between a day and its month."""
    assert text._no_lone_word(text.wrap(date, 24), 24) == lines


def test_display_width_counts_terminal_columns() -> None:
    """Combining marks take no column and wide characters take two."""
    assert text.display_width("abc") == 3
    assert text.display_width("e\u0301") == 1
    assert text.display_width("漢字") == 4
    assert text.display_width("مُحَمَّد") == 4


def test_every_narrow_character_takes_one_column() -> None:
    """Text the wrapper measures by its length (no character outside the narrow ones) takes
    exactly one column per character."""
    narrow = text._not_narrow()
    for code in [*range(0x3100), 0xFF01, 0x1F600, 0x20000]:
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        if narrow.search(ch) is None:
            assert text.display_width(ch) == 1 == text._columns(ch), hex(code)


def test_title_of_unwritable_characters_still_renders() -> None:
    """A title and an era title made only of characters no output writes (a noncharacter,
    blanks) leave empty headings, not an error."""
    e = Event("e", When(Date(2020, precision=Precision.YEAR)), "E", 0)
    era = Era(" \ufdd0 ", When(Date(2019, precision=Precision.YEAR), Date(2021), EndKind.DATE))
    t = dataclasses.replace(_timeline((e,), title="\ufdd0"), eras=(era,))
    view = View("timeline")
    assert "E" in text.render(t, view, [e], locale="en")
    assert "E" in markdown.render(t, view, [e], locale="en", alt_text="a", image=None)


def test_clean_drops_control_characters() -> None:
    """Terminal escapes and other control characters never reach an output."""
    assert clean("a\x1b[31mred\x07\tb\r\nc") == "a[31mred b\nc"


def _timeline(events: tuple[Event, ...], **kw: object) -> Timeline:
    as_of = Date(2024, 12, 1, precision=Precision.DAY)
    return Timeline(
        title=str(kw.get("title", "T")),
        events=events,
        as_of=as_of,
        as_of_instant=as_of.bounds(UTC)[1],
        tz=UTC,
        sources=dict(kw.get("sources", {})),  # type: ignore[call-overload]
        groups=dict(kw.get("groups", {})),  # type: ignore[call-overload]
    )


def test_non_http_urls_never_become_links() -> None:
    """A javascript: (or any non-http) source URL is left out of every output's links."""
    bad = Source("s", "Title", url="javascript:alert(1)")
    ok = Source("t", "Other", url="https://example.org/x y")
    e = Event("e", When(Date(2020, precision=Precision.YEAR)), "E", 0, sources=("s", "t"))
    t = _timeline((e,), sources={"s": bad, "t": ok})
    view = View("timeline")
    md = markdown.render(t, view, [e], locale="en", alt_text="a", image=None)
    page = html.render(t, view, [e], locale="en", alt_text="a")
    txt = text.render(t, view, [e], locale="en")
    for out in (md, page, txt):
        assert "javascript:" not in out
    assert "example.org/x y" not in md + page
    assert "href=" not in page.split("<footer>")[1]


def test_html_datetimes_are_valid() -> None:
    """Every datetime attribute is a valid HTML year, month, date or global date-time."""
    pattern = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?)?)?")
    for case in CASES:
        for name, content in _outputs(case).items():
            if name.endswith(".html"):
                for value in re.findall(r'datetime="([^"]*)"', content):
                    assert pattern.fullmatch(value), (case, value)


def test_local_time_gets_the_zone_offset() -> None:
    """A time written without an offset is dated in the chronology's time zone."""
    t = load(DATA / "text" / "date-forms" / "input.yaml")
    d = next(e for e in t.events if e.id == "local-time").date
    assert datetime_attr(d, t) == "2016-05-04T18:05+03:00"


def test_arabic_page_is_right_to_left() -> None:
    """An Arabic chronology's page says lang="ar" dir="rtl", the chart stays left-to-right."""
    page = _outputs("ar")["overview.html"]
    assert '<html lang="ar" dir="rtl">' in page
    assert '<figure class="chart" dir="ltr">' in page
    assert '<svg class="ac" viewBox=' in page


def test_markdown_opens_with_metadata_pandoc_reads() -> None:
    """The Markdown opens with a YAML metadata block: the page title (as Markdown, so it
    reads back as the user's text), the language and, in Arabic, the direction."""
    import yaml

    markdown_it = pytest.importorskip("markdown_it")
    for case, name, lang in (("escaping", "timeline.md", "en"), ("ar", "overview.md", "ar")):
        content = _outputs(case)[name]
        assert content.startswith("---\npagetitle: ")
        block = content.split("---\n")[1]
        meta = yaml.safe_load(block)
        title = load(DATA / "text" / case / "input.yaml")
        view = title.view(title.view_names()[0])
        parser = _Page()
        parser.feed(markdown_it.MarkdownIt("commonmark").render(meta["pagetitle"]))
        assert "".join(parser.text).strip() == " ".join((view.title or title.title).split())
        assert meta["lang"] == lang
        assert meta.get("dir") == ("rtl" if lang == "ar" else None)


def test_pandoc_finds_a_title() -> None:
    """``pandoc -s`` on a chronology's Markdown gives the page its title, with no warning."""
    import shutil
    import subprocess

    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    for case, name in (("fr", "ensemble.md"), ("ar", "overview.md")):
        done = subprocess.run(
            ["pandoc", "-s", "-f", "markdown", "-t", "html"],
            input=_outputs(case)[name],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stderr == ""
        assert re.search(r"<title>[^<]+</title>", done.stdout)


LRI, PDI = "\u2066", "\u2069"


def test_arabic_pages_isolate_left_to_right_runs() -> None:
    """In an Arabic page a URL, "(UTC+3)" and a Latin title keep their own order: isolate
    marks in Markdown and text, ``dir="ltr"`` on the HTML link; English pages get none."""
    out = _outputs("ar")
    url = "https://apnews.example/x"
    assert f"{LRI}<{url}>{PDI}" in out["overview.md"]
    assert f"{LRI}{url}{PDI}" in out["overview.txt"]
    assert f'<a class="url" dir="ltr" href="{url}"' in out["overview.html"]
    for name in ("overview.md", "overview.txt"):
        assert f"{LRI}HTS (Hayat Tahrir al-Sham){PDI} يتقدم" in out[name]
        assert f"06:30 {LRI}(UTC+3){PDI}" in out[name]
        for line in out[name].splitlines():
            assert line.count(LRI) == line.count(PDI), line
    for case in ("escaping", "fr"):
        for content in _outputs(case).values():
            assert LRI not in content


def test_alt_text_counts_in_the_locale() -> None:
    """The alt text uses the locale's plural forms and words, and names the chart's lanes,
    the lane of events without a group included."""
    t = load(DATA / "text" / "ar" / "input.yaml")
    view = t.view("overview")
    alt = alt_text(t, view, select(t, view), locale="ar")
    assert "10 أحداث" in alt
    assert "في 3 مسارات (الحكومة، المعارضة، أخرى)" in alt
    alt_en = alt_text(t, view, select(t, view)[:1], locale="en")
    assert alt_en.startswith("Timeline chart “نظرة عامة” on 15 March 2011: 1 event.")


@pytest.mark.parametrize(
    ("locale", "day", "month", "about_year"),
    [
        ("en", "on 27 November 2024", "in November 2024", "in c. 2019"),
        ("fr", "le 27 novembre 2024", "en novembre 2024", "en 2019 environ"),
        ("de", "am 27. November 2024", "im November 2024", "ca. 2019"),
        ("tr", "27 Kasım 2024 tarihinde", "Kasım 2024 tarihinde", "yaklaşık 2019 yılında"),
        ("ar", "في 27 نوفمبر 2024", "في نوفمبر 2024", "في حوالي 2019"),
    ],
)
def test_alt_text_of_one_date_says_it_once(
    locale: str, day: str, month: str, about_year: str
) -> None:
    """A chart whose events all fall on one date (a part of a chart in parts, often) says
    that date once, at its precision and with its qualifier, in every language."""
    for date, phrase in (("2024-11-27", day), ("2024-11", month), ("2019~", about_year)):
        t = load_bytes(
            "title: One date\nevents:\n"
            f"  - {{id: a, date: '{date}', title: A, sources: [s]}}\n"
            f"  - {{id: b, date: '{date}', title: B, sources: [s]}}\n"
            "sources:\n  s: {title: S}\n".encode()
        )
        view = t.view(t.view_names()[0])
        alt = alt_text(t, view, select(t, view), locale=locale)
        assert f" {phrase}" in alt, alt
        assert alt.count(phrase.split()[-1]) == 1, alt


# -- Properties ------------------------------------------------------------------------------

_NASTY = st.sampled_from(
    [
        "<",
        ">",
        "&",
        '"',
        "'",
        "*",
        "_",
        "`",
        "[",
        "]",
        "(",
        ")",
        "|",
        "#",
        "$",
        "~",
        "^",
        "\\",
        "!",
        "-",
        "+",
        ".",
        "@",
        "{",
        "}",
        ":",
        " ",
        "javascript:",
        "<script>",
        "&amp;",
        "]]>",
        "<!--",
        "a",
        "z",
        "٣",
        "ب",
        "é",
        "1.",
        "\n",
    ]
)
_TEXT = st.lists(_NASTY, min_size=0, max_size=12).map("".join)


@st.composite
def _dates(draw: st.DrawFn) -> When:
    year = draw(st.integers(2000, 2003))
    precision = draw(st.sampled_from(list(Precision)))
    month = draw(st.integers(1, 12)) if precision >= Precision.MONTH else None
    day = draw(st.integers(1, 28)) if precision >= Precision.DAY else None
    hour = draw(st.integers(0, 23)) if precision >= Precision.MINUTE else None
    minute = 0 if precision >= Precision.MINUTE else None
    second = 0 if precision >= Precision.SECOND else None
    offset = draw(st.sampled_from([None, 0, 180, -300])) if precision >= Precision.MINUTE else None
    start = Date(
        year, month, day, hour, minute, second, precision, offset,
        approximate=draw(st.booleans()), uncertain=draw(st.booleans()),
    )  # fmt: skip
    kind = draw(st.sampled_from(list(EndKind)))
    if kind is EndKind.DATE:
        return When(start, Date(2005, precision=Precision.YEAR), kind)
    return When(start, None, kind)


@st.composite
def _chronology(draw: st.DrawFn) -> Timeline:
    n = draw(st.integers(0, 25))
    groups = {"g": Group("g", draw(_TEXT) or "g", "#123456")}
    sources = {"s": Source("s", draw(_TEXT) or "s", publisher=draw(_TEXT) or None)}
    events = tuple(
        Event(
            id=f"e{i}",
            when=draw(_dates()),
            # The marker cannot be spelled by the nasty alphabet, so it is found only where
            # the title is written.
            title=f"EVT{i:03d}X{draw(_TEXT)}",
            index=i,
            summary=draw(_TEXT) or None,
            place=draw(_TEXT).replace("\n", " ") or None,
            group=draw(st.sampled_from([None, "g"])),
            sources=draw(st.sampled_from([(), ("s",)])),
            certainty=draw(st.sampled_from(list(Certainty))),
            importance=draw(st.integers(1, 3)),
        )
        for i in range(n)
    )
    return _timeline(events, title=draw(_TEXT) or "T", groups=groups, sources=sources)


def _markers(content: str) -> list[str]:
    return re.findall(r"EVT\d{3}X", content)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(t=_chronology(), locale=st.sampled_from(["en", "fr", "ar"]))
def test_every_event_once_in_order(t: Timeline, locale: str) -> None:
    """Every event of a view appears exactly once in each text output, in sorted order."""
    view = View("timeline")
    events = select(t, view)
    expected = [f"EVT{int(e.id[1:]):03d}X" for e in events]
    outputs = [
        markdown.render(t, view, events, locale=locale, alt_text="alt", image="x.png"),
        text.render(t, view, events, locale=locale),
        html.render(t, view, events, locale=locale, alt_text="alt"),
    ]
    for content in outputs:
        assert _markers(content) == expected


class _Page(HTMLParser):
    """Collects the tags, attributes and text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


_HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p",
    "main", "ol", "li", "div", "a", "time", "bdi", "span", "i", "footer", "nav", "script",
    "form", "label", "input", "details", "summary", "fieldset", "legend", "select", "option",
    "button", "output",
}  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(t=_chronology())
def test_no_user_text_unescaped_in_html(t: Timeline) -> None:
    """User text with <, &, quotes and javascript: never becomes markup or a link in HTML,
    and reads back exactly as written."""
    view = View("timeline")
    events = select(t, view)
    page = html.render(t, view, events, locale="en", alt_text="<alt>")
    parser = _Page()
    parser.feed(page)
    assert parser.tags <= _HTML_TAGS
    for name, value in parser.attrs:
        assert not name.startswith("on")
        if name == "href":
            assert value is not None
            assert value.startswith("#")
    body = "".join(parser.text)
    for e in events:
        assert " ".join(e.title.split()) in body


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_TEXT, summary=_TEXT)
def test_markdown_escapes_read_back_as_text(title: str, summary: str) -> None:
    """Escaped Markdown renders (CommonMark, with tables and strikethrough) to exactly the
    user's text, with no link, image, emphasis or raw HTML."""
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for value in (title, summary):
        flat = " ".join(value.split())
        if not flat:
            continue
        rendered = md.render(markdown.escape_line(flat))
        parser = _Page()
        parser.feed(rendered)
        assert parser.tags <= {"p"}, rendered
        assert "".join(parser.text).strip() == flat.strip()


_WORDS = st.lists(
    st.sampled_from(["a", "word", "x" * 30, "é", "中文", "e\u0301", "\u00a0", "—", "ب", "", " "]),
    max_size=30,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(words=_WORDS, width=st.integers(1, 40))
def test_wrap_by_search_is_the_word_by_word_wrap(words: str, width: int) -> None:
    """Wrapping by string search gives exactly the lines of the word-by-word greedy wrap,
    for any spacing, long words and characters of any width."""
    assert text.wrap(words, width) == text._wrap_words(words, width)


@st.composite
def _eras_and_events(draw: st.DrawFn) -> Timeline:
    def when(draw_from: int) -> When:
        start = Date(draw(st.integers(draw_from, 2012)), precision=Precision.YEAR)
        kind = draw(st.sampled_from([EndKind.POINT, EndKind.DATE, EndKind.ONGOING]))
        if kind is EndKind.DATE:
            end = Date(draw(st.integers(start.year, 2013)), precision=Precision.YEAR)
            return When(start, end, kind)
        return When(start, None, kind)

    eras = tuple(Era(f"era {i}", when(2000)) for i in range(draw(st.integers(0, 4))))
    events = tuple(Event(f"e{i}", when(1998), f"E{i}", i) for i in range(draw(st.integers(0, 30))))
    return dataclasses.replace(_timeline(events), eras=eras)


@settings(max_examples=100, deadline=None)
@given(t=_eras_and_events())
def test_eras_by_bisection_are_each_events_era(t: Timeline) -> None:
    """Finding eras by bisection over the sorted events gives each event the era its own
    start falls in (the first in start order, when eras overlap)."""
    events = select(t, View("timeline"))
    ordered = sorted(((t.bounds(era.when), era) for era in t.eras), key=lambda x: x[0])
    eras = [(i, lo, hi, era) for i, ((lo, hi), era) in enumerate(ordered)]
    expected = [_text_sections.era_of(eras, t.bounds(e.when)[0]) for e in events]
    assert _text_sections.eras_of(t, events) == expected


@settings(max_examples=100, deadline=None)
@given(t=_eras_and_events())
def test_alt_text_last_date_is_the_latest_of_all(t: Timeline) -> None:
    """The alt text's last date is the latest any event reaches, as if every date were
    compared."""
    events = select(t, View("timeline"))
    if not events:
        return
    candidates = [e.when.end or e.when.start for e in events]
    candidates += [t.as_of for e in events if e.when.end_kind is EndKind.ONGOING]
    expected = max(candidates, key=lambda d: d.bounds(t.tz)[1])
    assert alt._last(t, events) == expected
