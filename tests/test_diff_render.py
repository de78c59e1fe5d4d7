"""Changes in the text chronologies: the "What changed since …" section and the "new" and
"updated" marks, in Markdown, plain text and HTML.

Golden cases live in ``tests/data/diff-render/<case>/``: ``old.yaml`` and ``new.yaml``
beside the expected ``<view>.md``, ``<view>.txt`` and ``<view>.html`` of each view of the
new version. Set ``TIMELINE_REGEN_GOLDENS=1`` to rewrite them, then review the diff.
"""

from __future__ import annotations

import pytest

import timeline
from timeline.diff import diff, render_notes
from timeline.query import select
from timeline.render.text import html, markdown, plain

from .conftest import DATA, REGEN

CASES = sorted(p.parent.name for p in (DATA / "diff-render").glob("*/old.yaml"))


def _outputs(case: str) -> dict[str, str]:
    folder = DATA / "diff-render" / case
    old = timeline.load(folder / "old.yaml")
    new = timeline.load(folder / "new.yaml")
    notes = render_notes(diff(old, new), "v1 (28 November 2024)")
    out = {}
    for name in new.view_names():
        view = new.view(name)
        events = select(new, view)
        locale = new.locale
        out[f"{name}.md"] = markdown.render(
            new, view, events, locale=locale, alt_text="", image=None, changes=notes
        )
        out[f"{name}.txt"] = plain.render(new, view, events, locale=locale, changes=notes)
        out[f"{name}.html"] = html.render(
            new, view, events, locale=locale, alt_text="", changes=notes
        )
    return out


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    """Each case renders exactly its expected Markdown, text and HTML with changes marked."""
    folder = DATA / "diff-render" / case
    outputs = _outputs(case)
    if REGEN:
        for name, content in outputs.items():
            (folder / name).write_text(content, encoding="utf-8")
    expected = {p.name for p in folder.iterdir() if not p.name.endswith(".yaml")}
    assert expected == set(outputs), "a golden file is missing or left over"
    for name, content in outputs.items():
        assert content == (folder / name).read_text(encoding="utf-8"), f"{case}/{name}"


def test_each_view_lists_only_its_own_changes() -> None:
    """A view's section names the new and updated events it shows and the removed events
    it showed; a change of tags alone is not listed."""
    outputs = _outputs("en")
    offensive = outputs["offensive.txt"]
    assert "- New: Insurgents breach Aleppo (29 November 2024)" in offensive
    assert "Astana" not in offensive
    assert "Insurgents launch an offensive (27" not in offensive.split("Overview")[0]
    overview = outputs["overview.txt"]
    assert "- Removed: Astana talks open (23 January 2017)" in overview
    assert "- Updated: Protests against Assad's rule begin (15 March 2011) — date" in overview
    assert "- Updated: Siege of eastern Aleppo (July – 22 December 2016) — certainty" in overview


def test_entries_carry_their_mark_in_every_output() -> None:
    """Each new or updated entry is marked once in Markdown, text and HTML."""
    outputs = _outputs("en")
    assert "**29 November 2024** — *New:* **Insurgents breach Aleppo**." in outputs["overview.md"]
    assert "New: Insurgents breach Aleppo [1]" in outputs["overview.txt"]
    page = outputs["overview.html"]
    assert page.count('<li id=breach class="m new">') == 1
    entries = page.split('<div id="_list">')[1]
    assert entries.count('<span class="change">Updated</span> ') == 2
    assert '<a href="#breach"><bdi>Insurgents breach Aleppo</bdi></a>' in page


def test_no_changes_no_section() -> None:
    """Without changes, or with none in a view, the outputs are as without notes."""
    t = timeline.load(DATA / "diff-render" / "en" / "new.yaml")
    notes = render_notes(diff(t, t), "v1")
    view = t.view("offensive")
    events = select(t, view)
    assert plain.render(t, view, events, locale="en", changes=notes) == plain.render(
        t, view, events, locale="en"
    )
    assert html.render(t, view, events, locale="en", alt_text="", changes=notes) == html.render(
        t, view, events, locale="en", alt_text=""
    )
