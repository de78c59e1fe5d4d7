"""``timeline diff`` and ``timeline log`` on a git repository built in the test: commits
that add, redate, confirm, remove and rename events. Exit codes and error lines are exact.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.diff import SCHEMA

from .conftest import DATA, REGEN

runner = CliRunner()
GOLDEN = DATA / "diff" / "git"

HEAD = """title: The Syrian war
as_of: 2024-11-29
sources:
  ap: {title: Insurgents breach Aleppo, publisher: Associated Press}
groups:
  opposition: {label: Opposition}
events:
"""
PROTESTS = "  - {id: protests, date: 2011-03, title: Protests begin, sources: [ap]}\n"
PROTESTS_DAY = "  - {id: protests, date: 2011-03-15, title: Protests begin, sources: [ap]}\n"
SIEGE = (
    "  - {id: siege, date: 2016-07/2016-12-22, title: Siege of Aleppo, certainty: %s, "
    "sources: [ap]}\n"
)
TALKS = "  - {id: talks, date: 2017-01-23, title: Astana talks open, sources: [ap]}\n"
BOMBS = (
    "  - {id: %s, date: 2024-11-29T06:30+03:00, title: Two car bombs hit Aleppo, "
    "group: opposition, sources: [ap]}\n"
)
BREACH = "  - {id: breach, date: 2024-11-29, title: Insurgents breach Aleppo, sources: [ap]}\n"

#: The history: (commit date, subject, events).
HISTORY = [
    ("2024-11-01", "Start", PROTESTS + SIEGE % "claimed" + TALKS + BOMBS % "car-bombs-aleppo"),
    (
        "2024-11-05",
        "Add the breach",
        PROTESTS + SIEGE % "claimed" + TALKS + BOMBS % "car-bombs-aleppo" + BREACH,
    ),
    (
        "2024-11-10",
        "Day of the protests",
        PROTESTS_DAY + SIEGE % "claimed" + TALKS + BOMBS % "car-bombs-aleppo" + BREACH,
    ),
    (
        "2024-11-15",
        "Siege confirmed",
        PROTESTS_DAY + SIEGE % "confirmed" + TALKS + BOMBS % "car-bombs-aleppo" + BREACH,
    ),
    (
        "2024-11-20",
        "Talks were a rumour",
        PROTESTS_DAY + SIEGE % "confirmed" + BOMBS % "car-bombs-aleppo" + BREACH,
    ),
    (
        "2024-11-25",
        "Shorter id",
        PROTESTS_DAY + SIEGE % "confirmed" + BOMBS % "car-bombs" + BREACH,
    ),
]


def git(repo: Path, *args: str, date: str = "2024-11-01") -> str:
    """Run git in ``repo`` with a fixed identity and dates, ignoring the user's config."""
    stamp = f"{date}T12:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, check=True)
    return done.stdout.decode().strip()


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose timeline.yaml went through HISTORY (do not change it: copy it)."""
    repo = tmp_path_factory.mktemp("history")
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    for date, subject, events in HISTORY:
        (repo / "timeline.yaml").write_text(HEAD + events, encoding="utf-8")
        (repo / "notes.txt").write_text(subject, encoding="utf-8")
        git(repo, "add", ".", date=date)
        git(repo, "commit", "-q", "-m", subject, date=date)
    return repo


@pytest.fixture
def repo(history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the history repository, as the current folder."""
    copy = tmp_path / "repo"
    shutil.copytree(history, copy)
    monkeypatch.chdir(copy)
    return copy


def sha(repo: Path, rev: str) -> str:
    return git(repo, "rev-parse", "--short", rev)


def test_working_file_against_head(repo: Path) -> None:
    """With no arguments the working file is compared with HEAD: exit 0 when unchanged,
    exit 1 with the changes when edited."""
    result = runner.invoke(app, ["diff"])
    assert (result.exit_code, result.stdout) == (
        0,
        "--- HEAD:timeline.yaml\n+++ timeline.yaml\nno changes\n",
    )
    text = (repo / "timeline.yaml").read_text(encoding="utf-8")
    (repo / "timeline.yaml").write_text(text + TALKS, encoding="utf-8")
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "+ talks: 23 January 2017 — Astana talks open"


@pytest.mark.parametrize("fmt", ["txt", "md", "json"])
def test_golden_whole_history(repo: Path, fmt: str) -> None:
    """The first commit against the last, in each output format, is exactly as expected."""
    option = {"txt": "text"}.get(fmt, fmt)
    result = runner.invoke(app, ["diff", "HEAD~5:", "HEAD:timeline.yaml", "--format", option])
    assert result.exit_code == 1, result.stderr
    path = GOLDEN / f"expected.{fmt}"
    if REGEN:
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
    if fmt == "json":
        doc = json.loads(result.stdout)
        jsonschema.validate(doc, SCHEMA)
        assert doc["old"]["commit"]["subject"] == "Start"
        assert doc["new"]["commit"]["date"] == "2024-11-25T12:00:00+00:00"


def test_each_commit_is_classified(repo: Path) -> None:
    """Adding, redating, confirming, removing and renaming are each told apart."""
    expected = {
        "HEAD~4": "+ breach: 29 November 2024 — Insurgents breach Aleppo",
        "HEAD~3": "    redated: March 2011 → 15 March 2011 (precision gained, within the old date)",
        "HEAD~2": "    certainty changed: claimed → confirmed",
        "HEAD~1": "- talks: 23 January 2017 — Astana talks open",
        "HEAD": "    renamed: car-bombs-aleppo → car-bombs",
    }
    for rev, line in expected.items():
        result = runner.invoke(app, ["diff", f"{rev}~1:", f"{rev}:"])
        assert result.exit_code == 1
        assert line in result.stdout.splitlines(), rev


def test_since_is_the_last_commit_before_the_date(repo: Path) -> None:
    """--since DATE compares the file as of the last commit before that date with the
    working file."""
    result = runner.invoke(app, ["diff", "--since", "2024-11-12"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        f"--- {sha(repo, 'HEAD~3')}:timeline.yaml",
        "+++ timeline.yaml",
        "removed: talks; renamed: car-bombs; certainty changed: siege",
    ]
    # The day itself is not "before" it: a commit of 10 November is before 11 November.
    result = runner.invoke(app, ["diff", "--since", "2024-11-10", "--format", "json"])
    assert json.loads(result.stdout)["old"]["commit"]["subject"] == "Add the breach"


def test_since_with_a_later_revision(repo: Path) -> None:
    """--since takes the later version as its one argument."""
    result = runner.invoke(app, ["diff", "--since", "2024-11-06", "HEAD~3:timeline.yaml"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == "+++ HEAD~3:timeline.yaml"
    assert result.stdout.splitlines()[2] == "redated: protests"


def test_two_files(repo: Path, tmp_path: Path) -> None:
    """Two plain files need no repository; identical files exit 0."""
    old = tmp_path / "old.yaml"
    old.write_text(HEAD + PROTESTS, encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(HEAD + PROTESTS_DAY, encoding="utf-8")
    assert runner.invoke(app, ["diff", str(old), str(new)]).exit_code == 1
    assert runner.invoke(app, ["diff", str(old), str(old)]).exit_code == 0


def test_log_one_line_per_commit(repo: Path) -> None:
    """timeline log: newest first, one line per commit with its classified changes."""
    result = runner.invoke(app, ["log"])
    assert result.exit_code == 0
    shas = [sha(repo, f"HEAD~{n}") for n in range(6)]
    assert result.stdout.splitlines() == [
        f"{shas[0]} 2024-11-25 renamed: car-bombs  (Shorter id)",
        f"{shas[1]} 2024-11-20 removed: talks  (Talks were a rumour)",
        f"{shas[2]} 2024-11-15 certainty changed: siege  (Siege confirmed)",
        f"{shas[3]} 2024-11-10 redated: protests  (Day of the protests)",
        f"{shas[4]} 2024-11-05 added: breach  (Add the breach)",
        f"{shas[5]} 2024-11-01 created: 4 events, 1 source, 1 group  (Start)",
    ]
    reverse = runner.invoke(app, ["log", "--reverse"])
    assert reverse.stdout.splitlines() == result.stdout.splitlines()[::-1]


def test_log_of_one_event_follows_its_renaming(repo: Path) -> None:
    """--event ID tells one event's story, back through the change of its id."""
    result = runner.invoke(app, ["log", "--event", "car-bombs", "--reverse"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{sha(repo, 'HEAD~5')} 2024-11-01 added: 29 November 2024, 06:30 (UTC+3) — "
        "Two car bombs hit Aleppo  (Start)",
        f"{sha(repo, 'HEAD')} 2024-11-25 renamed: car-bombs-aleppo → car-bombs  (Shorter id)",
    ]
    siege = runner.invoke(app, ["log", "--event", "siege"])
    assert siege.stdout.splitlines() == [
        f"{sha(repo, 'HEAD~2')} 2024-11-15 certainty changed: claimed → confirmed  "
        "(Siege confirmed)",
        f"{sha(repo, 'HEAD~5')} 2024-11-01 added: July – 22 December 2016 — Siege of Aleppo "
        "(claimed)  (Start)",
    ]
    talks = runner.invoke(app, ["log", "--event", "talks"])
    assert talks.stdout.splitlines()[0] == (
        f"{sha(repo, 'HEAD~1')} 2024-11-20 removed: 23 January 2017 — Astana talks open  "
        "(Talks were a rumour)"
    )


def test_log_bridges_a_version_with_errors(repo: Path) -> None:
    """A commit whose file has errors is shown as such; the next one is compared with the
    last version that could be read."""
    (repo / "timeline.yaml").write_text(
        HEAD + "  - {id: x, date: 2024-02-30, title: X}\n", encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "Broken", date="2024-11-26")
    (repo / "timeline.yaml").write_text(HEAD + PROTESTS, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Fixed", date="2024-11-27")
    lines = runner.invoke(app, ["log"]).stdout.splitlines()
    assert lines[0] == (
        f"{sha(repo, 'HEAD')} 2024-11-27 removed: siege, breach, car-bombs; redated: protests"
        "  (Fixed)"
    )
    assert lines[1] == (
        f"{sha(repo, 'HEAD~1')} 2024-11-26 cannot be compared: this version has 1 error  (Broken)"
    )


# -- errors -------------------------------------------------------------------------------


def _fails(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_errors_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a repository, a revision cannot be read: one clear line, exit 2."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "timeline.yaml").write_text(HEAD + PROTESTS, encoding="utf-8")
    hint = "(hint: to compare two files, name them: timeline diff OLD.yaml NEW.yaml)"
    _fails(
        ["diff"],
        "timeline: error: this folder is not in a git repository, so HEAD:timeline.yaml "
        f"cannot be read {hint}",
    )
    _fails(
        ["log"],
        "timeline: error: this folder is not in a git repository, so the history of "
        f"timeline.yaml cannot be read {hint}",
    )
    _fails(
        ["diff", "--since", "2024-01-01"],
        "timeline: error: this folder is not in a git repository, so the history of "
        f"timeline.yaml cannot be read {hint}",
    )


def test_errors_in_a_repository(repo: Path) -> None:
    """Unknown revisions, missing paths, dates before the history and bad options each get
    one exact line and exit 2."""
    _fails(["diff", "nope:"], "timeline: error: unknown revision 'nope'")
    _fails(
        ["diff", "HEAD~9:"],
        "timeline: error: unknown revision 'HEAD~9' (hint: the branch has 6 commits)",
    )
    _fails(
        ["diff", "HEAD:other.yaml"],
        f"timeline: error: other.yaml does not exist in HEAD ({sha(repo, 'HEAD')}, 2024-11-25) "
        "(hint: a path after ':' is read from the top of the repository; start it with ./ "
        "for a path from the current folder)",
    )
    _fails(
        ["diff", "--since", "2024-10-01"],
        "timeline: error: no commit before 2024-10-01 (hint: the first commit is of 2024-11-01)",
    )
    _fails(
        ["diff", "--since", "2024-13-01"],
        "timeline: error: --since '2024-13-01': month 13 does not exist (months run 01-12)",
    )
    _fails(
        ["diff", "--since", "2024-11-01", "a.yaml", "b.yaml"],
        "timeline: error: --since takes at most one version: the later one",
    )
    _fails(
        ["diff", "--format", "html"],
        "timeline: error: --format must be text, md or json, not 'html'",
    )
    _fails(["diff", "gone.yaml", "timeline.yaml"], "timeline: error: gone.yaml: no such file")
    _fails(
        ["log", "--event", "protest"],
        "timeline: error: no event 'protest' in the history of timeline.yaml "
        "(hint: did you mean 'protests'?)",
    )


def test_a_version_with_errors_cannot_be_compared(repo: Path) -> None:
    """A side with errors prints its diagnostics under its name and exits 2."""
    (repo / "timeline.yaml").write_text(
        HEAD + "  - {id: x, date: 2024-02-30, title: X}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "timeline.yaml:8:27: error: 'date': day 30 does not exist: February 2024 has 29 days",
        "timeline: error: cannot compare timeline.yaml: it has 1 error "
        "(hint: fix it, or compare another version)",
    ]


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colours are used on a terminal, and not when NO_COLOR is set or output is piped."""
    from timeline.cli import diff as cli_diff

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli_diff._color() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli_diff._color() is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    assert cli_diff._color() is False


def test_markdown_note_date(repo: Path) -> None:
    """The md note is dated with the new version's as_of, or --updated."""
    args = ["diff", "HEAD~3:", "HEAD~2:", "--format", "md"]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (
        1,
        "*Updated 29 November 2024:* confirmed “Siege of Aleppo” (previously claimed).\n",
    )
    result = runner.invoke(app, [*args, "--updated", "2024-11-30"])
    assert result.stdout.startswith("*Updated 30 November 2024:* ")
    _fails(
        [*args, "--updated", "2024-11/2024-12"],
        "timeline: error: --updated '2024-11/2024-12' is a period; give a single date",
    )


def test_an_unexpected_git_failure_is_one_line(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When git fails where it should not, its own reason is passed on in one line."""
    from timeline.diff import _git

    real = _git._run

    def failing_log(args: list[str], cwd: Path, *, stdin: bytes | None = None) -> object:
        if args[0] == "log":
            return subprocess.CompletedProcess(args, 128, b"", b"fatal: bad object HEAD\n")
        return real(args, cwd, stdin=stdin)

    monkeypatch.setattr(_git, "_run", failing_log)
    _fails(
        ["log"], "timeline: error: git cannot read the history of timeline.yaml: bad object HEAD"
    )


def test_docs_show_real_output_of_the_sample_history(monkeypatch: pytest.MonkeyPatch) -> None:
    """The diff examples in docs/changes.md are what the commands print on this
    repository's own history of the sample (skipped without that history)."""
    import re

    from .conftest import ROOT

    known = subprocess.run(
        ["git", "cat-file", "-e", "0fd6071^{commit}"], cwd=ROOT, capture_output=True, check=False
    )
    if known.returncode != 0:
        pytest.skip("the sample's git history is not here")
    monkeypatch.chdir(ROOT)
    doc = (ROOT / "docs" / "changes.md").read_text(encoding="utf-8")
    examples = re.findall(r"```text\n\$ timeline (diff [^\n]*)\n(.*?)```", doc, re.S)
    assert len(examples) == 2
    for command, shown in examples:
        assert runner.invoke(app, command.split()).stdout == shown, command
