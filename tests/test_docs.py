"""The documentation matches the code: every key and every command is described."""

from __future__ import annotations

import re

import pytest

from timeline.cli import app
from timeline.spec import FORMAT

from .conftest import ROOT

FORMAT_DOC = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


#: The heading of each kind of mapping's section in docs/format.md.
SECTIONS = {
    "top": "Top level",
    "source": "Source",
    "group": "Group",
    "era": "Era",
    "event": "Event",
    "view": "View",
}


@pytest.mark.parametrize(
    ("part", "key"), [(part, key) for part, keys in FORMAT.items() for key in keys]
)
def test_every_format_key_is_documented(part: str, key: str) -> None:
    """docs/format.md has a table row for every key the loader accepts, in the section of
    the mapping it belongs to."""
    section = FORMAT_DOC.split(f"\n## {SECTIONS[part]}\n", 1)[1].split("\n## ", 1)[0]
    assert re.search(rf"^\| `{re.escape(key)}` \|", section, re.MULTILINE), (part, key)


def test_every_command_is_in_the_readme() -> None:
    """The README's command table names every command of the CLI."""
    import typer.main

    group = typer.main.get_group(app)
    for name in group.commands:
        assert f"`timeline {name}" in README, name


def test_readme_quick_start_runs_the_ci_test_command() -> None:
    """The README's test command is the one .ci/run runs."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in ci
    assert 'pip install ".[test]" && python -m pytest' in README
