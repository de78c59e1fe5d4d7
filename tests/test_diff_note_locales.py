"""The updates note (``timeline diff --format md``) in every locale: each golden case's
note in French, German, Turkish and Arabic, and the command's choice of language."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import timeline
from timeline.cli import app
from timeline.dates import parse_date
from timeline.diff import diff, render_markdown
from timeline.i18n.notes import NOTE_WORDS
from timeline.spec import LOCALES

from . import test_diff_cli
from .conftest import DATA, REGEN

#: The repository of ``timeline diff``'s tests (its fixtures, shared).
history = test_diff_cli.history
repo = test_diff_cli.repo

runner = CliRunner()
CASES = ("events", "sections")
OTHER_LOCALES = [loc for loc in LOCALES if loc != "en"]


def _note(case: str, locale: str) -> str:
    folder = DATA / "diff" / case
    old = timeline.load_bytes((folder / "old.yaml").read_bytes(), "old.yaml")
    new = timeline.load_bytes((folder / "new.yaml").read_bytes(), "new.yaml")
    return render_markdown(diff(old, new), updated=parse_date("2024-11-30"), locale=locale)


@pytest.mark.parametrize("locale", OTHER_LOCALES)
@pytest.mark.parametrize("case", CASES)
def test_golden_note_in_each_locale(case: str, locale: str) -> None:
    """Each case's note is exactly as expected in each language."""
    note = _note(case, locale)
    path = DATA / "diff" / case / f"expected.{locale}.md"
    if REGEN:
        path.write_text(note, encoding="utf-8")
    assert note == path.read_text(encoding="utf-8")


def test_every_locale_has_every_clause() -> None:
    """Each locale words every clause, with the same places to fill as English."""
    import string

    assert set(NOTE_WORDS) == set(LOCALES)
    english = NOTE_WORDS["en"]
    for locale, nw in NOTE_WORDS.items():
        for name in english.__dataclass_fields__:
            ours, theirs = getattr(nw, name), getattr(english, name)
            if isinstance(ours, str):
                fields = {f for _, f, _, _ in string.Formatter().parse(ours) if f is not None}
                wanted = {f for _, f, _, _ in string.Formatter().parse(theirs) if f is not None}
                assert fields == wanted, (locale, name)
            else:
                assert set(ours) == set(theirs), (locale, name)


def test_the_note_is_in_the_later_versions_language(repo: Path) -> None:
    """Without --locale the note is in the later version's language; --locale chooses
    another; an unknown locale is a usage error."""
    text = (repo / "timeline.yaml").read_text(encoding="utf-8")
    (repo / "timeline.yaml").write_text("locale: fr\n" + text, encoding="utf-8")
    result = runner.invoke(app, ["diff", "HEAD~5:", "--format", "md"])
    assert result.exit_code == 1, result.stderr
    assert result.stdout.startswith("*Mis à jour le 29 novembre 2024\u202f:* ajout de ")
    result = runner.invoke(app, ["diff", "HEAD~5:", "--format", "md", "--locale", "de"])
    assert result.stdout.startswith("*Aktualisiert am 29. November 2024:* „Insurgents breach")
    result = runner.invoke(app, ["diff", "--format", "md", "--locale", "xx"])
    assert (result.exit_code, result.stderr) == (
        2,
        "timeline: error: unknown locale 'xx' (hint: supported locales: en, fr, de, tr, ar)\n",
    )
