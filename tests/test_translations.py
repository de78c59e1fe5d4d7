"""Translations of the chronology's own texts: read, rendered, exported and imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline import Timeline, check_bytes, load_bytes
from timeline.cli import app
from timeline.formats import export, import_bytes
from timeline.i18n.content import translate
from timeline.query import select
from timeline.render.alt import alt_text
from timeline.render.text import markdown

runner = CliRunner()

FILE = """\
title: The war
subtitle: A chronology
locale: en
translations:
  fr: {title: La guerre}
groups:
  gov: {label: Government, translations: {fr: {label: Gouvernement}}}
  opp: {label: Opposition}
eras:
  - {title: Uprising, date: 2011, end: 2012, translations: {fr: {title: Soulèvement}}}
sources:
  s: {title: Report}
events:
  - id: protests
    date: 2011-03-15
    title: Protests begin
    summary: Small crowds marched.
    place: Damascus
    group: opp
    sources: [s]
    importance: 3
    translations:
      fr:
        title: Début des manifestations
        summary: De petites foules ont défilé.
        place: Damas
      ar: {title: بدء الاحتجاجات}
  - {id: crackdown, date: 2011-05, title: Crackdown, group: gov, sources: [s]}
views:
  overview: {title: Overview, translations: {fr: {title: Vue d’ensemble}}}
"""


@pytest.fixture
def chronology() -> Timeline:
    return load_bytes(FILE.encode(), "t.yaml")


def test_translate_uses_every_translation_and_lists_the_rest(chronology: Timeline) -> None:
    """Each translated text replaces the original; each other text is listed with where
    it is, in file order."""
    done = translate(chronology, "fr")
    t = done.timeline
    assert t.title == "La guerre"
    assert t.subtitle == "A chronology"
    assert t.groups["gov"].label == "Gouvernement"
    assert t.eras[0].title == "Soulèvement"
    assert t.views["overview"].title == "Vue d’ensemble"
    first = t.events[0]
    assert (first.title, first.summary, first.place) == (
        "Début des manifestations",
        "De petites foules ont défilé.",
        "Damas",
    )
    assert [str(d) for d in done.warnings()] == [
        "t.yaml:2:11: warning: no 'fr' translation of the chronology's subtitle",
        "t.yaml:8:16: warning: no 'fr' translation of the label of group 'Opposition'",
        "t.yaml:28:43: warning: no 'fr' translation of the title of event 'Crackdown'",
    ]


def test_untranslated_objects_stay_the_same_objects(chronology: Timeline) -> None:
    """Translating leaves every object without a translation as it is (no copy), and the
    file's own language changes nothing at all."""
    t = chronology
    done = translate(t, "fr")
    assert done.timeline.events[1] is t.events[1]
    assert done.timeline.groups["opp"] is t.groups["opp"]
    same = translate(t, "en")
    assert same.timeline is t
    assert same.warnings() == []


def test_a_language_the_file_never_uses_gets_one_warning(chronology: Timeline) -> None:
    """A file with nothing in a language gets one line saying so, not one per text."""
    done = translate(chronology, "de")
    assert [str(d) for d in done.warnings()] == [
        "t.yaml:1:1: warning: nothing in the file is translated into 'de': its 10 texts stay "
        "in 'en' (hint: add 'translations' to titles, summaries and labels; see "
        "docs/format.md)"
    ]


def test_warnings_stop_after_twenty() -> None:
    """Twenty warnings at most, then one line counting the rest."""
    events = "".join(f"  - {{date: 2011, title: E{i}, sources: [s]}}\n" for i in range(30))
    text = (
        "title: T\ntranslations: {fr: {title: T fr}}\nsources: {s: {title: S}}\n"
        f"events:\n{events}"
    )
    warnings = [str(d) for d in translate(load_bytes(text.encode(), "t.yaml"), "fr").warnings()]
    assert len(warnings) == 21
    assert warnings[-1] == (
        "t.yaml:25:25: warning: and 10 more texts have no 'fr' translation "
        "(hint: add them under 'translations' to render them in that language)"
    )


def test_rendering_in_french_uses_the_translations(chronology: Timeline, tmp_path: Path) -> None:
    """``render --locale fr`` writes the translated texts beside French dates, in every
    output, and prints what has no translation."""
    path = tmp_path / "t.yaml"
    path.write_text(FILE, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["render", str(path), "--out", str(out), "--format", "md,txt", "--locale", "fr"]
    )
    assert result.exit_code == 0, result.output
    assert f"{path}:8:16: warning: no 'fr' translation of the label of group 'Opposition'" in (
        result.stderr
    )
    md = (out / "overview.md").read_text(encoding="utf-8")
    assert "# Vue d’ensemble" in md
    assert "**15 mars 2011** — **Début des manifestations**." in md
    assert "*Damas · Opposition*" in md
    assert "Soulèvement" in (out / "overview.txt").read_text(encoding="utf-8")


def test_rendering_in_the_files_language_warns_of_nothing(tmp_path: Path) -> None:
    """The file's own language needs no translation: no warning, the original texts."""
    path = tmp_path / "t.yaml"
    path.write_text(FILE, encoding="utf-8")
    result = runner.invoke(
        app, ["render", str(path), "--out", str(tmp_path / "o"), "--format", "md"]
    )
    assert result.exit_code == 0
    assert "translation" not in result.stderr
    assert "# Overview" in (tmp_path / "o" / "overview.md").read_text(encoding="utf-8")


def test_alt_text_is_in_the_translated_language(chronology: Timeline) -> None:
    """The chart's alt text names the translated view, lanes and milestones."""
    t = translate(chronology, "fr").timeline
    view = t.view("overview")
    alt = alt_text(t, view, select(t, view), locale="fr")
    assert "« Vue d’ensemble »" in alt.replace("\u202f", " ")
    assert "Gouvernement" in alt
    assert "Début des manifestations (15 mars 2011)" in alt
    md = markdown.render(t, view, select(t, view), locale="fr", alt_text=alt, image=None)
    assert "La guerre" in md


def test_json_keeps_every_language_and_imports_back(chronology: Timeline) -> None:
    """The JSON export carries every translation, and importing it gives them back."""
    text = export(chronology, "json")
    doc = json.loads(text)
    assert doc["translations"] == {"fr": {"title": "La guerre"}}
    assert doc["events"][0]["translations"]["ar"] == {"title": "بدء الاحتجاجات"}
    assert doc["groups"][0]["translations"] == {"fr": {"label": "Gouvernement"}}
    back = import_bytes(text.encode(), "t.json", "json").timeline
    t = chronology
    assert back.translations == t.translations
    assert [e.translations for e in back.events] == [e.translations for e in t.events]
    assert back.groups == t.groups
    assert back.eras == t.eras
    assert back.views["overview"].translations == t.views["overview"].translations


def test_other_exports_write_the_chosen_language(chronology: Timeline) -> None:
    """``--locale`` gives the other exports the texts of that language."""
    csv = export(chronology, "csv", locale="fr")
    assert "Début des manifestations" in csv
    assert "Protests begin" not in csv
    assert "Protests begin" in export(chronology, "csv")
    assert "La guerre" in export(chronology, "mermaid", locale="fr")


def test_export_locale_is_checked(tmp_path: Path) -> None:
    """An unknown locale, or a locale with the json export, is a usage error."""
    path = tmp_path / "t.yaml"
    path.write_text(FILE, encoding="utf-8")
    bad = runner.invoke(app, ["export", str(path), "--to", "csv", "--locale", "xx"])
    assert bad.exit_code == 2
    assert "unknown locale 'xx'" in bad.stderr
    json_locale = runner.invoke(app, ["export", str(path), "--to", "json", "--locale", "fr"])
    assert json_locale.exit_code == 2
    ok = runner.invoke(app, ["export", str(path), "--to", "markwhen", "--locale", "fr"])
    assert ok.exit_code == 0
    assert "Début des manifestations" in ok.stdout
    assert "no 'fr' translation of the title of event 'Crackdown'" in ok.stderr


def test_translations_are_checked_like_the_texts_they_translate() -> None:
    """A translated title follows the title's rules; a translation must not be empty."""
    text = FILE.replace("title: Début des manifestations", 'title: "two\\nlines"')
    errors = [d.message for d in check_bytes(text.encode()).errors]
    assert errors == ["'title' must be a single line"]
