"""Benchmark the HTML page in a real browser (headless Chromium), and its size (not a test).

For generated chronologies (``generate.py``; 10,000 and 100,000 events by default) it
renders the whole-chronology page and reports:

- its size: bytes per event, and the markup around each entry against the text it carries
  (the entry's text as a reader gets it, ``textContent``; the markup is everything else of
  the entry, plus its share of the filter codes): the goal is at most one half;
- in Chromium, opened from a file: time to first contentful paint, to ``DOMContentLoaded``,
  to the load event, and until the script has made the page interactive (the controls
  shown), with the longest task the browser ran meanwhile;
- applying a filter (a tag), unchecking a lane, and a search (the first search also reads
  every entry's text once): time until the count is updated and the next frame drawn, and
  the longest task meanwhile (what a reader would feel as a freeze).

The floor, measured in the same run, is the same page without its script and controls,
and, for a filter, hiding the same entries from a bare loop: the ratios say what the
page's own work costs. Every number is the median of ``--repeat`` fresh browser contexts.

``--screenshots DIR`` also renders the sample's pages and saves screenshots at 390 and
1280 px, light and dark, and the print, as PDF and as a print-media screenshot, to look at.

Usage: python bench/bench_html.py [--sizes 10000,100000] [--repeat 3] [--charts]
                                  [--screenshots DIR]
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import chronology

from timeline.loader.validate import load, load_bytes
from timeline.model import View
from timeline.query import select
from timeline.render import RenderOptions, render_view
from timeline.render.alt import alt_text
from timeline.render.text import html

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Installed before the page's own script: notes when the controls show and every long task.
WATCH = """
window.__bench = {ready: null, tasks: []};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) __bench.tasks.push([e.startTime, e.duration]);
}).observe({type: 'longtask', buffered: true});
new MutationObserver(() => {
  const form = document.getElementById('_f');
  if (form && !form.hidden && __bench.ready === null) __bench.ready = performance.now();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['hidden']});
"""


def page_size(page: str, events: int) -> dict[str, float]:
    """Bytes per event, and per entry: text, markup and the markup's share of the text."""
    start = page.index('<div id="_list">')
    entries = re.findall(r"<li id=[^\n]*", page[start : page.index("</main>", start)])
    total = sum(len(e.encode()) + 1 for e in entries)
    text = sum(len(html_lib.unescape(re.sub(r"<[^>]*>", "", e)).encode()) for e in entries)
    data = re.search(r'<script type="application/json" id="_d">(.*?)</script>', page)
    codes = len(json.loads(data.group(1))["codes"].encode()) if data else 0
    markup = total - text + codes
    return {
        "page": len(page.encode()) / events,
        "text": text / len(entries),
        "markup": markup / len(entries),
        "ratio": markup / text,
    }


def strip_script(page: str) -> str:
    """The floor: the same page, static (no script, no controls, no filter codes)."""
    page = re.sub(r'<form id="_f".*?</form>', "", page, flags=re.DOTALL)
    page = re.sub(r"<script.*?</script>\n", "", page, flags=re.DOTALL)
    return page


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def open_page(browser: Any, path: Path) -> dict[str, float]:
    """Open ``path`` in a fresh context; times in ms from the start of navigation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(path.as_uri(), wait_until="load", timeout=600_000)
    page.wait_for_timeout(300)
    timing = page.evaluate(
        """() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const tasks = __bench.tasks.map(t => t[1]);
        return {fcp: paint ? paint.startTime : NaN, dom: nav.domContentLoadedEventEnd,
                load: nav.loadEventEnd, ready: __bench.ready ?? NaN,
                longest: tasks.length ? Math.max(...tasks) : 0};
        }"""
    )
    context.close()
    return dict(timing)


_CHANGED = """(before) => new Promise((resolve) => {
  const out = document.getElementById('_n'), t0 = performance.now(), from = __bench.tasks.length;
  const done = () => requestAnimationFrame(() => setTimeout(() => resolve({
      ms: performance.now() - t0,
      longest: Math.max(0, ...__bench.tasks.slice(from).map(t => t[1]))}), 0));
  new MutationObserver((_, obs) => { obs.disconnect(); done(); })
    .observe(out, {childList: true, characterData: true, subtree: true});
  before();
})"""


def filter_page(browser: Any, path: Path, tag: str, lane: str, word: str) -> dict[str, float]:
    """Apply a tag filter, uncheck a lane, then search: ms until counted and drawn."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(path.as_uri(), wait_until="load", timeout=600_000)
    page.wait_for_function("__bench.ready !== null", timeout=600_000)
    out: dict[str, float] = {}
    actions = {
        "tag": f"() => {{ const s = document.getElementById('_t'); s.value = '{tag}';"
        " s.dispatchEvent(new Event('input', {bubbles: true})); }",
        "lane": f"() => {{ const b = document.querySelector('input[name=lane][value={lane}]');"
        " b.checked = false; b.dispatchEvent(new Event('input', {bubbles: true})); }",
        "search": f"() => {{ const q = document.getElementById('_q'); q.value = '{word}';"
        " q.dispatchEvent(new Event('input', {bubbles: true})); }",
    }
    for name, action in actions.items():
        result = page.evaluate(f"(async () => await ({_CHANGED})({action}))()")
        out[name] = result["ms"]
        out[f"{name} longest"] = result["longest"]
    # The floor: hide and show the same number of entries from a bare loop.
    out["floor"] = page.evaluate(
        """() => new Promise((resolve) => {
        const items = document.querySelectorAll('#_list li'), t0 = performance.now();
        for (let i = 0; i < items.length; i += 2) items[i].hidden = !items[i].hidden;
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        })"""
    )
    context.close()
    return out


def _time(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def bench(browser: Any, n: int, repeat: int, charts: bool, folder: Path) -> None:
    data = chronology(n).encode("utf-8")
    t = load_bytes(data, "bench.yaml")
    view = View("all")
    events = select(t, view)

    def render() -> str:
        if charts:
            named = t.view("overview")  # every event is drawn; the chart labels milestones
            out = render_view(
                t,
                View("all", min_importance=named.min_importance),
                RenderOptions(formats=("html",)),
            )
            return out["all.html"].decode("utf-8")
        return html.render(t, view, events, locale="en", alt_text=alt_text(t, view, events))

    page, seconds = _time(render)
    path = folder / f"page-{n}.html"
    path.write_text(page, encoding="utf-8")
    floor = folder / f"floor-{n}.html"
    floor.write_text(strip_script(page), encoding="utf-8")
    size = page_size(page, len(events))
    print(f"\n{n:,} events: page {len(page.encode()) / 1e6:.1f} MB, rendered in {seconds:.1f} s")
    print(
        f"  per event: page {size['page']:.0f} B; entry text {size['text']:.0f} B, markup "
        f"{size['markup']:.0f} B (markup / text = {size['ratio']:.3f}; goal <= 0.5)"
    )
    opened = _median([open_page(browser, path) for _ in range(repeat)])
    static = _median([open_page(browser, floor) for _ in range(repeat)])
    print(
        "  open (ms): first paint {fcp:.0f}, DOMContentLoaded {dom:.0f}, load {load:.0f}, "
        "interactive {ready:.0f}; longest task {longest:.0f}".format(**opened)
    )
    print(
        "  floor, the static page (ms): first paint {fcp:.0f}, DOMContentLoaded {dom:.0f}, "
        "load {load:.0f}; longest task {longest:.0f}".format(**static)
    )
    print(
        f"  ratios to the floor: first paint {opened['fcp'] / static['fcp']:.2f}, "
        f"load {opened['load'] / static['load']:.2f}, "
        f"interactive / static load {opened['ready'] / static['load']:.2f}"
    )
    lane = next(iter(t.groups))
    filtered = _median(
        [filter_page(browser, path, "tag3", lane, "Place 17") for _ in range(repeat)]
    )
    print(
        "  filter (ms, until counted and drawn; longest task): "
        "tag {tag:.0f} ({tag longest:.0f}), lane {lane:.0f} ({lane longest:.0f}), "
        "first search {search:.0f} ({search longest:.0f}); floor (bare loop) {floor:.0f}".format(
            **filtered
        )
    )
    print(f"  ratio of a tag filter to the floor: {filtered['tag'] / filtered['floor']:.2f}")


def screenshots(browser: Any, folder: Path) -> None:
    """The sample's pages at 390 and 1280 px, light and dark, and printed."""
    folder.mkdir(parents=True, exist_ok=True)
    t = load(ROOT / "timeline.yaml")
    for name in t.view_names():
        out = render_view(t, t.view(name), RenderOptions(formats=("html",)))
        path = folder / f"{name}.html"
        path.write_bytes(out[f"{name}.html"])
        for width in (390, 1280):
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, color_scheme=scheme
                )
                page = context.new_page()
                page.goto(path.as_uri())
                page.screenshot(path=str(folder / f"{name}-{width}-{scheme}.png"))
                page.screenshot(
                    path=str(folder / f"{name}-{width}-{scheme}-full.png"), full_page=True
                )
                context.close()
        page = browser.new_page()
        page.goto(path.as_uri())
        page.pdf(path=str(folder / f"{name}-print.pdf"), format="A4")
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 794, "height": 1123})
        page.screenshot(path=str(folder / f"{name}-print.png"))
        page.close()
    print(f"screenshots in {folder}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--charts", action="store_true", help="include the charts (slow)")
    parser.add_argument("--screenshots", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("no chromium found (Debian: apt-get install chromium)")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        if args.screenshots:
            screenshots(browser, args.screenshots)
        for n in (int(s) for s in args.sizes.split(",") if s):
            bench(browser, n, args.repeat, args.charts, Path(tmp))
        browser.close()


if __name__ == "__main__":
    main()
