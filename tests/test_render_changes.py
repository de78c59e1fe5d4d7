"""``timeline render --changes-since``: the earlier version named as ``timeline diff``
names its sides, on a git repository built in the test; the outputs mark what changed,
the render cache tells versions apart, and every error is one exact line, writing nothing.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import timeline
from timeline.cli import app
from timeline.cli.render import Rebuilder
from timeline.diff import diff, render_notes
from timeline.render import Pipeline, RenderOptions

from . import test_diff_cli
from .conftest import DATA, REGEN
from .test_diff_cli import BREACH, HEAD, PROTESTS, sha

#: The repository of ``timeline diff``'s tests (its fixtures, shared).
history = test_diff_cli.history
repo = test_diff_cli.repo

runner = CliRunner()
GOLDEN = DATA / "diff" / "render"
TEXT = ("--format", "md,txt")


def _render(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


def _heading(out: Path) -> list[str]:
    txt = (out / "timeline.txt").read_text(encoding="utf-8")
    return [line for line in txt.splitlines() if line.startswith("What changed")]


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_golden_since_the_first_commit(repo: Path, fmt: str) -> None:
    """Since the first commit, the Markdown and text chronologies are exactly as expected:
    the section lists the new, updated and removed events, and each entry is marked."""
    code, _, err = _render("--changes-since", "HEAD~5", *TEXT, "-o", "out")
    assert code == 0, err
    text = (repo / "out" / f"timeline.{fmt}").read_text(encoding="utf-8")
    path = GOLDEN / f"expected.{fmt}"
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_each_way_of_naming_the_earlier_version(repo: Path) -> None:
    """A revision, REV:, REV:PATH, a date and a file name the same version: the same
    marks, each named as the user wrote it (a revision with its commit's day)."""
    old = repo / "old.yaml"
    old.write_text(
        (repo / "timeline.yaml").read_text(encoding="utf-8").replace("2011-03-15", "2011-03"),
        encoding="utf-8",
    )
    (repo / "timeline.yaml").write_text(
        (repo / "timeline.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    names = {
        "HEAD~3": "HEAD~3 (10 November 2024)",
        "HEAD~3:": "HEAD~3 (10 November 2024)",
        "HEAD~3:timeline.yaml": "HEAD~3:timeline.yaml (10 November 2024)",
        "2024-11-11": f"{sha(repo, 'HEAD~3')} (10 November 2024)",
        "old.yaml": "old.yaml",
    }
    bodies = set()
    for i, (spec, name) in enumerate(names.items()):
        code, _, err = _render("--changes-since", spec, *TEXT, "-o", f"out{i}")
        assert code == 0, (spec, err)
        out = repo / f"out{i}"
        assert _heading(out) == [f"What changed since {name}"], spec
        if spec != "old.yaml":
            bodies.add((out / "timeline.md").read_text(encoding="utf-8").split("\n## ", 2)[2])
    assert len(bodies) == 1


def test_the_cache_tells_versions_apart(repo: Path) -> None:
    """The same earlier version again is up to date; another one, or none, renders again."""
    assert _render("--changes-since", "HEAD~1", *TEXT, "-o", "out")[0] == 0
    code, out, _ = _render("--changes-since", "HEAD~1", *TEXT, "-o", "out")
    assert (code, out) == (0, "2 files in out are up to date (--force renders again)\n")
    code, out, _ = _render("--changes-since", "HEAD~2", *TEXT, "-o", "out")
    assert (code, out.splitlines()[0]) == (0, "wrote out/timeline.md")
    assert _heading(repo / "out") == ["What changed since HEAD~2 (15 November 2024)"]
    code, out, _ = _render(*TEXT, "-o", "out")
    assert (code, out.splitlines()[0]) == (0, "wrote out/timeline.md")
    assert _heading(repo / "out") == []


def test_the_changes_are_in_the_render_language(repo: Path) -> None:
    """Rendered in French, the heading's date and the marks are French."""
    code, _, err = _render("--changes-since", "HEAD~4", "--locale", "fr", *TEXT, "-o", "out")
    assert code == 0, err
    txt = (repo / "out" / "timeline.txt").read_text(encoding="utf-8")
    assert "Ce qui a changé depuis HEAD~4 (5 novembre 2024)" in txt.splitlines()
    assert "*Mis à jour\u202f:*" in (repo / "out" / "timeline.md").read_text(encoding="utf-8")


def _fails(args: list[str], *lines: str) -> None:
    code, out, err = _render(*args, "-o", "out")
    assert (code, out, err.splitlines()) == (2, "", list(lines))
    assert not Path("out").exists()


def test_errors_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a repository a revision or a date cannot be read: one line, exit 2, and
    nothing written."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "timeline.yaml").write_text(HEAD + PROTESTS, encoding="utf-8")
    hint = "(hint: to show changes since another file, name it: --changes-since OLD.yaml)"
    _fails(
        ["--changes-since", "HEAD~1"],
        "timeline: error: this folder is not in a git repository, so HEAD~1:timeline.yaml "
        f"cannot be read {hint}",
    )
    _fails(
        ["--changes-since", "2024-11-01"],
        "timeline: error: this folder is not in a git repository, so the history of "
        f"timeline.yaml cannot be read {hint}",
    )


def test_errors_in_a_repository(repo: Path) -> None:
    """Unknown revisions, missing files, dates before the history and an earlier version
    with errors each exit 2 with exact lines, writing nothing."""
    _fails(
        ["--changes-since", "HEAD~9"],
        "timeline: error: unknown revision 'HEAD~9' (hint: the branch has 6 commits)",
    )
    _fails(["--changes-since", "nope"], "timeline: error: unknown revision 'nope'")
    _fails(
        ["--changes-since", ""],
        "timeline: error: --changes-since needs a version: a revision, REV:PATH, a file or a date",
    )
    _fails(["--changes-since", "old.yaml"], "timeline: error: old.yaml: no such file")
    _fails(
        ["--changes-since", "HEAD:other.yaml"],
        f"timeline: error: other.yaml does not exist in HEAD ({sha(repo, 'HEAD')}, 2024-11-25) "
        "(hint: a path after ':' is read from the top of the repository; start it with ./ "
        "for a path from the current folder)",
    )
    _fails(
        ["--changes-since", "2024-10-01"],
        "timeline: error: no commit before 2024-10-01 (hint: the first commit is of 2024-11-01)",
    )
    (repo / "bad.yaml").write_text(HEAD + "  - {id: x, title: No date}\n", encoding="utf-8")
    _fails(
        ["--changes-since", "bad.yaml"],
        "bad.yaml:8:5: error: an event needs 'date'",
        "timeline: error: cannot compare bad.yaml: it has 1 error "
        "(hint: fix it, or compare another version)",
    )


def test_watch_marks_the_changes_of_each_save(repo: Path) -> None:
    """``timeline watch --changes-since`` compares each save with the same earlier version."""
    from timeline.cli.diff import earlier_version

    said: list[str] = []
    options = RenderOptions(formats=("md",))
    builder = Rebuilder(
        Path("timeline.yaml"),
        Path("out"),
        (),
        options,
        say=said.append,
        earlier=earlier_version("HEAD~4", Path("timeline.yaml")),
    )
    assert builder.rebuild()
    md = (repo / "out" / "timeline.md").read_text(encoding="utf-8")
    assert "*New:* **Two car bombs hit Aleppo**" not in md
    text = (repo / "timeline.yaml").read_text(encoding="utf-8")
    (repo / "timeline.yaml").write_text(text.replace(BREACH, ""), encoding="utf-8")
    assert builder.rebuild()
    md = (repo / "out" / "timeline.md").read_text(encoding="utf-8")
    assert "- *Removed:* Insurgents breach Aleppo (29 November 2024)" in md


def test_library_callers_pass_the_changes(repo: Path) -> None:
    """A Pipeline given changes renders them, and its cache key depends on them."""
    shutil.copy(repo / "timeline.yaml", repo / "old.yaml")
    more = "  - {id: more, date: 2024-11-30, title: Two car bombs hit Aleppo, sources: [ap]}\n"
    new_text = (repo / "timeline.yaml").read_text(encoding="utf-8") + more
    (repo / "timeline.yaml").write_text(new_text, encoding="utf-8")
    notes = render_notes(
        diff(timeline.load(repo / "old.yaml"), timeline.load(repo / "timeline.yaml")), "v1"
    )
    plain = Pipeline(Path("timeline.yaml"), Path("out"), options=RenderOptions(formats=("md",)))
    marked = replace(plain, options=replace(plain.options, changes=notes))
    other = replace(plain, options=replace(plain.options, changes=replace(notes, since="v2")))
    data = plain.read()
    assert len({plain.cache_key(data), marked.cache_key(data), other.cache_key(data)}) == 3
    assert marked.cache_key(data) == replace(marked).cache_key(data)
    result = marked.run()
    md = result.outputs["timeline.md"].decode("utf-8")
    assert "## What changed since v1" in md
    assert "- *New:* Two car bombs hit Aleppo (30 November 2024)" in md
