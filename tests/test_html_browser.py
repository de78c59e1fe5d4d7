"""The HTML page in a real browser: headless Chromium (Debian's ``chromium``) driven by
Playwright for Python, on the sample and on generated chronologies.

The tests skip, saying why, where Playwright or Chromium is missing (``.ci/run`` installs
both). One browser serves the whole session; every test opens its own context.
``python bench/bench_html.py --screenshots DIR`` keeps pictures of the pages to look at.
"""

from __future__ import annotations

import random
import re
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from timeline.loader.validate import load, load_bytes
from timeline.model import Timeline
from timeline.query import select
from timeline.render import RenderOptions, render_view

from .conftest import SAMPLE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None  # type: ignore[assignment]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_MISSING = (
    "Playwright for Python is not installed (pip install -e '.[test]')"
    if sync_playwright is None
    else "no Chromium found (Debian: apt-get install chromium)"
    if CHROMIUM is None
    else None
)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(_MISSING is not None, reason=f"browser tests skipped: {_MISSING}"),
]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The smallest chart text the page promises, in CSS pixels.
MIN_TEXT_PX = 11.0
WIDTHS = (320, 390, 768)


# -- pages --------------------------------------------------------------------------------


def _generated(n: int, seed: int) -> str:
    """A chronology of ``n`` events with lanes, tags, places, certainties, importances,
    periods, times, right-to-left and accented text."""
    rnd = random.Random(seed)
    groups = ("army", "rebels", "allies", "observers")
    places = ("Aleppo", "Idlib", "Hama", "Şanlıurfa", "حلب", "Damascus")
    words = ("convoy", "ceasefire", "talks", "strike", "siege", "aid", "border", "élection")
    lines = [
        f"title: Generated chronology {seed}",
        "as_of: 2024-12-31",
        "timezone: Asia/Damascus",
        "sources:",
        "  s1: {title: A report, publisher: A publisher, url: 'https://example.org/a'}",
        "  s2: {title: Another report}",
        "groups:",
        *(f"  {g}: {{label: {g.title()}}}" for g in groups),
        "events:",
    ]
    for i in range(n):
        year = rnd.randint(1990, 2024)
        kind = rnd.random()
        if kind < 0.15:
            date = f"{year}"
        elif kind < 0.3:
            date = f"{year}-{rnd.randint(1, 6):02d}/{year}-{rnd.randint(7, 12):02d}-15"
        elif kind < 0.4:
            date = (
                f"2024-11-{rnd.randint(27, 29)}T{rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}"
            )
        else:
            date = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        word = rnd.choice(words)
        title = f"{word.title()} number {i}" if i % 9 else f"حدث {i} {word}"
        lines += [
            f"  - id: e{i}",
            f"    date: {date}",
            f"    title: {title}",
            f"    summary: Summary {i} about the {rnd.choice(words)} near {rnd.choice(places)}.",
            f"    group: {rnd.choice(groups)}" if i % 5 else "    place: Nowhere",
            f"    place: {rnd.choice(places)}" if i % 5 else "    tags: [lone]",
            f"    tags: [t{i % 4}, {word}]" if i % 5 else "    importance: 1",
            f"    certainty: {rnd.choice(('reported', 'claimed', 'confirmed', 'disputed'))}",
            f"    importance: {rnd.choice((1, 2, 2, 3))}" if i % 5 else "    sources: [s2]",
            "    sources: [s1]" if i % 5 else "",
        ]
    lines.append("views:\n  all: {title: Everything}")
    return "\n".join(line for line in lines if line) + "\n"


def _page(t: Timeline, view: str, folder: Path) -> Path:
    """The view's HTML page, rendered as ``timeline render`` does."""
    out = render_view(t, t.view(view), RenderOptions(formats=("html",)))
    path = folder / f"{view}.html"
    path.write_bytes(out[f"{view}.html"])
    return path


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's overview page."""
    return _page(load(SAMPLE), "overview", tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def generated_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated chronology's page, with its charts."""
    t = load_bytes(_generated(160, seed=7).encode(), "generated.yaml")
    return _page(t, "all", tmp_path_factory.mktemp("generated"))


@pytest.fixture(scope="module")
def large_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Timeline]:
    """A generated chronology of 6,000 events (more than one slice of the script's
    work), without charts."""
    from timeline.render.alt import alt_text
    from timeline.render.text import html

    t = load_bytes(_generated(6000, seed=3).encode(), "large.yaml")
    view = t.view("all")
    events = select(t, view)
    page = html.render(t, view, events, locale="en", alt_text=alt_text(t, view, events))
    path = tmp_path_factory.mktemp("large") / "all.html"
    path.write_text(page, encoding="utf-8")
    return path, t


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    assert sync_playwright is not None
    assert CHROMIUM is not None
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class _Watch:
    """A page with everything it says on the console and every request it makes."""

    def __init__(self, context: BrowserContext) -> None:
        self.page = context.new_page()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"{message.type}: {message.text}")


def _open(
    browser: Browser, path: Path, *, width: int = 1280, scheme: str = "light", query: str = ""
) -> tuple[BrowserContext, _Watch]:
    context = browser.new_context(
        viewport={"width": width, "height": 800}, color_scheme=scheme, device_scale_factor=1
    )
    watch = _Watch(context)
    watch.page.goto(path.as_uri() + query)
    return context, watch


def _count(page: Page) -> str:
    return page.locator("#_n").text_content() or ""


def _wait_count(page: Page, shown: int) -> None:
    """Wait until the page says it shows ``shown`` events (the work may take slices).

    Playwright's own waiting is used: the page's policy forbids evaluating strings."""
    expect(page.locator("#_n")).to_have_text(re.compile(rf"^{shown:,} "))


def _visible_entries(page: Page) -> list[str]:
    ids: list[str] = page.evaluate(
        "Array.from(document.querySelectorAll('#_list li')).filter(li => !li.hidden)"
        ".map(li => li.id)"
    )
    return ids


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# -- the tests ----------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample_page", "generated_page"])
def test_no_console_errors_and_no_requests(
    browser: Browser, which: str, request: pytest.FixtureRequest
) -> None:
    """The page loads, filters and searches without a console error or warning (a style or
    script its policy blocked would be one) and requests nothing beyond itself."""
    path: Path = request.getfixturevalue(which)
    for scheme in ("light", "dark") if which == "sample_page" else ("light",):
        context, watch = _open(browser, path, scheme=scheme)
        page = watch.page
        page.fill("#_q", "a")
        page.click("summary")
        page.locator("input[name=cert]").first.uncheck()
        expect(page.locator("#_n")).to_have_text(re.compile(r"^\d"))
        assert watch.problems == []
        assert watch.requests == [path.as_uri()]
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", ["sample_page", "generated_page"])
def test_no_sideways_scrolling(
    browser: Browser, which: str, width: int, request: pytest.FixtureRequest
) -> None:
    """At 320, 390 and 768 px the page never scrolls sideways."""
    path: Path = request.getfixturevalue(which)
    context, watch = _open(browser, path, width=width)
    scroll, client = watch.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    context.close()
    assert scroll <= client, f"{which} at {width} px: {scroll} px wide in a {client} px window"


@pytest.mark.parametrize("which", ["sample_page", "generated_page"])
@pytest.mark.parametrize("width", [320, 390, 768, 1280])
def test_chart_fits_its_frame(
    browser: Browser, which: str, width: int, request: pytest.FixtureRequest, record_property: Any
) -> None:
    """On a phone, a tablet and a laptop the chart on show fits the page's width: it does
    not scroll in its frame."""
    path: Path = request.getfixturevalue(which)
    context, watch = _open(browser, path, width=width)
    scroll, client, shown = watch.page.evaluate(
        "(() => { const f = document.querySelector('figure.chart');"
        " const w = Array.from(f.querySelectorAll('svg'), (x) => x.getBoundingClientRect().width);"
        " return [f.scrollWidth, f.clientWidth, Math.round(Math.max(...w))]; })()"
    )
    context.close()
    record_property(f"chart width at {width} px", shown)
    assert scroll <= client, f"the chart is {scroll} px wide in a {client} px frame"


_SMALLEST_TEXT = """() => {
  let smallest = Infinity, shown = 0;
  for (const svg of document.querySelectorAll('.chart svg')) {
    if (!svg.getBoundingClientRect().width) continue;
    shown++;
    const scale = svg.getScreenCTM().a;
    for (const t of svg.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < smallest) smallest = size;
    }
  }
  return [smallest, shown];
}"""


@pytest.mark.parametrize("which", ["sample_page", "generated_page"])
@pytest.mark.parametrize("width", [*WIDTHS, 1280, 1600])
def test_smallest_chart_text(
    browser: Browser, which: str, width: int, request: pytest.FixtureRequest, record_property: Any
) -> None:
    """At every width the chart on show draws no text smaller than 11 CSS pixels."""
    context, watch = _open(browser, request.getfixturevalue(which), width=width)
    smallest, shown = watch.page.evaluate(_SMALLEST_TEXT)
    context.close()
    record_property(f"smallest chart text at {width} px", round(smallest, 2))
    assert shown == 1, "exactly one chart shows at a time"
    assert smallest >= MIN_TEXT_PX - 0.01, f"{smallest:.2f} px at {width} px"


def _expected_matches(t: Timeline, view: str, word: str) -> list[str]:
    events = select(t, t.view(view))
    return [
        e.id
        for e in events
        if _fold(word) in _fold(" ".join(x for x in (e.title, e.summary or "", e.place or "")))
    ]


def test_filters_and_search_change_the_list_and_the_address(
    browser: Browser, sample_page: Path
) -> None:
    """Searching and filtering show exactly the matching entries, dim the others in the
    chart, count what is shown and keep the state in the address, which restores it."""
    t = load(SAMPLE)
    total = len(select(t, t.view("overview")))
    context, watch = _open(browser, sample_page)
    page = watch.page
    assert _count(page) == f"{total} of {total} events shown"
    page.fill("#_q", "ALEPPO")
    expected = _expected_matches(t, "overview", "aleppo")
    _wait_count(page, len(expected))
    assert _visible_entries(page) == expected
    assert "q=ALEPPO" in page.url
    dimmed = set(
        page.evaluate(
            "Array.from(document.querySelectorAll('.chart a.dim')).map(a => a.getAttribute('href'))"
        )
    )
    linked = set(
        page.evaluate(
            "Array.from(document.querySelectorAll('.chart a')).map(a => a.getAttribute('href'))"
        )
    )
    assert dimmed == {h for h in linked if h[1:] not in expected}
    page.click("summary")
    page.uncheck("input[name=lane][value=opposition]")
    events = {e.id: e for e in select(t, t.view("overview"))}
    expected = [i for i in expected if events[i].group != "opposition"]
    _wait_count(page, len(expected))
    assert _visible_entries(page) == expected
    assert re.search(r"lane=[^&]*government", page.url)
    shared = page.url
    page.select_option("#_i", "3")
    milestones = [i for i in expected if events[i].is_milestone]
    _wait_count(page, len(milestones))
    assert _visible_entries(page) == milestones
    assert "imp=3" in page.url
    context.close()
    # The shared address opens on the same state.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(shared)
    _wait_count(page, len(expected))
    assert _visible_entries(page) == expected
    assert page.input_value("#_q") == "ALEPPO"
    page.click("summary")
    page.click("button[type=reset]")
    _wait_count(page, total)
    assert "?" not in page.url
    context.close()


def test_large_page_filters_in_slices(browser: Browser, large_page: tuple[Path, Timeline]) -> None:
    """On 6,000 events a tag filter and a search give the right entries and empty
    headings hide."""
    path, t = large_page
    context, watch = _open(browser, path)
    page = watch.page
    page.click("summary")
    page.select_option("#_t", "t1")
    events = select(t, t.view("all"))
    expected = [e.id for e in events if "t1" in e.tags]
    _wait_count(page, len(expected))
    assert _visible_entries(page) == expected
    page.fill("#_q", "حلب")
    expected = [
        e.id for e in events if "t1" in e.tags and "حلب" in f"{e.title} {e.summary} {e.place}"
    ]
    _wait_count(page, len(expected))
    assert _visible_entries(page) == expected
    empty_headings = page.evaluate(
        """Array.from(document.querySelectorAll('#_list h2, #_list h3, #_list h4'))
        .filter(h => !h.hidden).filter(h => {
          const level = +h.tagName[1];
          for (let el = h.nextElementSibling; el; el = el.nextElementSibling) {
            if (/^H/.test(el.tagName) && +el.tagName[1] <= level) break;
            if (el.tagName === 'OL' && !el.hidden) return false;
          }
          return true;
        }).length"""
    )
    assert empty_headings == 0
    assert watch.problems == []
    context.close()


def test_chart_label_lands_on_its_entry_and_back(browser: Browser, sample_page: Path) -> None:
    """Clicking a chart label opens its entry (highlighted and focused); the entry's link
    goes back to the label."""
    for width in (390, 768, 1600):
        context, watch = _open(browser, sample_page, width=width)
        page = watch.page
        label = page.locator(".chart svg:visible a[id]").nth(2)
        href = label.get_attribute("href")
        assert href is not None
        label.click()
        expect(page.locator(href)).to_be_focused()
        assert page.url.endswith(href)
        assert page.evaluate("document.querySelector(':target').id") == href[1:]
        assert page.locator(href).is_visible()
        back = page.locator(f"{href} :is(a.ua, a.ut, a.ud):visible")
        assert back.count() == 1
        back.click()
        label_id = label.get_attribute("id")
        expect(page.locator(f"#{label_id}")).to_be_focused()
        box = label.bounding_box()
        assert box is not None
        assert -2 <= box["y"] < 800
        context.close()


def test_address_with_an_event_opens_on_it(browser: Browser, sample_page: Path) -> None:
    """``page.html#event-id`` opens scrolled to that event, highlighted."""
    context, watch = _open(browser, sample_page, query="#idlib-ceasefire-2020")
    page = watch.page
    entry = page.locator("#idlib-ceasefire-2020")
    box = entry.bounding_box()
    assert box is not None
    assert -2 <= box["y"] < 800
    colour = page.evaluate(
        "getComputedStyle(document.getElementById('idlib-ceasefire-2020')).backgroundColor"
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    context.close()


_FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return [el.tagName.toLowerCase(), el.id || el.getAttribute('href') || el.name || '', ring];
}"""


def test_keyboard_walk(browser: Browser, sample_page: Path) -> None:
    """With the keyboard alone: the skip link, the search box, the filters, the chart (one
    stop, arrows between labels) and the list (one stop, arrows between entries), each
    with a visible focus ring."""
    context, watch = _open(browser, sample_page, width=1600)
    page = watch.page
    stops = []
    while not stops or stops[-1][0] != "li":
        assert len(stops) < 20, stops
        page.keyboard.press("Tab")
        stops.append(page.evaluate(_FOCUS))
    assert all(ring for _, _, ring in stops), stops
    kinds = [(tag, name) for tag, name, _ in stops]
    assert kinds[0] == ("a", "#_list")
    assert kinds[1] == ("input", "_q")
    assert kinds[2][0] == "summary"
    assert kinds[3][0] == "a"
    assert kinds[3][1].startswith("_a-")
    first_label = kinds[3][1]
    # Then the contents (links to the eras), then the list: one stop.
    assert all(name.startswith("#_") for _, name in kinds[4:-1])
    first_entry = kinds[-1][1]
    assert first_entry == _visible_entries(page)[0]
    for _ in kinds[4:-1]:
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    # Back into the chart: arrows move between labels in time order.
    assert page.evaluate(_FOCUS)[1] == first_label
    page.keyboard.press("ArrowRight")
    second = page.evaluate(_FOCUS)
    assert second[1] != first_label
    assert second[0] == "a"
    assert second[2]
    page.keyboard.press("Home")
    assert page.evaluate(_FOCUS)[1] == first_label
    # Enter follows the label to its entry.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    target = second[1].removeprefix("_a-")
    expect(page.locator(f"#{target}")).to_be_focused()
    # Arrows move between entries.
    page.keyboard.press("ArrowDown")
    after = page.evaluate(_FOCUS)
    assert after[0] == "li"
    assert after[1] != target
    assert page.url.endswith(f"#{after[1]}")
    assert after[2]
    page.keyboard.press("Home")
    assert page.evaluate(_FOCUS)[1] == first_entry
    page.keyboard.press("End")
    ids = _visible_entries(page)
    assert page.evaluate(_FOCUS)[1] == ids[-1]
    # The filters open and work from the keyboard.
    page.focus("summary")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUS)[0] == "input"
    page.keyboard.press("Space")
    expect(page.locator("#_n")).not_to_have_text(re.compile(rf"^{len(ids)} "))
    assert watch.problems == []
    context.close()


def test_print_puts_the_chart_on_one_page(
    browser: Browser, sample_page: Path, tmp_path: Path
) -> None:
    """Printed, the first page holds the title and the whole chart, scaled to the page;
    the list starts on the next page."""
    from pypdf import PdfReader

    context, watch = _open(browser, sample_page)
    page = watch.page
    texts: list[str] = page.evaluate(
        "Array.from(document.querySelectorAll('.chart svg.ac text')).map(t => t.textContent)"
    )
    pdf = tmp_path / "printed.pdf"
    for paper in ("A4", "Letter"):
        page.pdf(path=str(pdf), format=paper)
        reader = PdfReader(str(pdf))
        first = _words(reader.pages[0].extract_text())
        second = _words(reader.pages[1].extract_text())
        for text in texts:
            assert _words(text) in first, f"{paper}: {text!r} is not on the first page"
        assert "milestone claimed disputed" in first
        assert "milestone claimed disputed" not in second
        assert _words(texts[-1]) not in second
    context.close()


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(
    browser: Browser, sample_page: Path, generated_page: Path, scheme: str
) -> None:
    """axe-core finds no WCAG 2.2 A/AA (or best-practice) violation: the sample at a
    phone's width (the down chart) and a generated chronology at a desktop's (the across
    chart), with the filters open."""
    axe = pytest.importorskip(
        "axe_playwright_python", reason="axe-playwright-python is not installed"
    )
    script = (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
    for path, width in ((sample_page, 390), (generated_page, 1280)):
        # axe is a script of its own: the page's policy would (rightly) refuse it.
        context = browser.new_context(
            viewport={"width": width, "height": 800}, color_scheme=scheme, bypass_csp=True
        )
        page = context.new_page()
        page.goto(path.as_uri())
        page.click("summary")
        page.evaluate(script)
        result = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            tags,
        )
        violations = [
            (v["id"], [n["html"][:120] for n in v["nodes"][:3]]) for v in result["violations"]
        ]
        assert violations == [], f"{path.name} at {width} px, {scheme}"
        context.close()
