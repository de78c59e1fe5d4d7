"""The editing commands: ``init``, ``schema``, ``watch``, and what ships around them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from timeline.cli import app
from timeline.cli import edit as _cli_edit
from timeline.cli import render as _cli_render
from timeline.cli.render import Rebuilder
from timeline.fmt import format_text
from timeline.loader.validate import check_bytes
from timeline.render import RenderOptions
from timeline.schema import schema, schema_json

from .conftest import ROOT

runner = CliRunner()

VALID = """title: Watched
sources: {s: {title: S}}
events:
  - {date: 2011, title: First, sources: [s]}
views:
  all: {title: All}
"""


# -- init ------------------------------------------------------------------------------------


def test_init_writes_a_valid_commented_starter(tmp_path: Path) -> None:
    """init writes a chronology with no errors and no warnings, pointing editors at the schema."""
    path = tmp_path / "timeline.yaml"
    result = runner.invoke(app, ["init", str(path)])
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    report = check_bytes(data, str(path))
    assert report.diagnostics == ()
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=./timeline.schema.json"
    assert sum(line.lstrip().startswith("#") for line in lines) >= 8


def test_init_starter_is_already_formatted(tmp_path: Path) -> None:
    """The starter is in fmt's canonical form, so a first fmt changes nothing."""
    text = _cli_edit.starter_text()
    assert format_text(text) == text


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    """An existing file is never overwritten: exit 1 with a clear message, file unchanged."""
    path = tmp_path / "timeline.yaml"
    path.write_text("my notes\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(path)])
    assert result.exit_code == 1
    assert f"{path} already exists; not overwriting it" in result.stderr
    assert path.read_text(encoding="utf-8") == "my notes\n"


def test_init_refuses_a_dangling_symlink(tmp_path: Path) -> None:
    """A symlink to nowhere counts as existing: init does not write through it."""
    link = tmp_path / "timeline.yaml"
    link.symlink_to(tmp_path / "elsewhere.yaml")
    result = runner.invoke(app, ["init", str(link)])
    assert result.exit_code == 1
    assert not (tmp_path / "elsewhere.yaml").exists()


# -- schema ----------------------------------------------------------------------------------


def test_schema_command_prints_the_schema() -> None:
    """`timeline schema` prints the JSON schema, nothing else."""
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == schema_json()
    assert json.loads(result.stdout) == schema()


def test_schema_command_writes_a_file(tmp_path: Path) -> None:
    """`timeline schema -o FILE` writes the same text to FILE."""
    path = tmp_path / "timeline.schema.json"
    result = runner.invoke(app, ["schema", "-o", str(path)])
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == schema_json()


# -- watch -----------------------------------------------------------------------------------


@pytest.fixture
def watched(tmp_path: Path) -> Path:
    path = tmp_path / "timeline.yaml"
    path.write_text(VALID, encoding="utf-8")
    return path


def _builder(path: Path, messages: list[str], views: tuple[str, ...] = ()) -> Rebuilder:
    options = RenderOptions(formats=("md", "txt"))
    return Rebuilder(path, path.parent / "out", views, options, say=messages.append)


def test_rebuild_writes_the_outputs_of_a_valid_file(watched: Path) -> None:
    """A valid save renders every view and says what it wrote."""
    messages: list[str] = []
    assert _builder(watched, messages).rebuild()
    out = watched.parent / "out"
    assert sorted(p.name for p in out.iterdir()) == [".timeline-render.json", "all.md", "all.txt"]
    assert messages == [f"wrote {out / 'all.md'}", f"wrote {out / 'all.txt'}"]
    assert "First" in (out / "all.md").read_text(encoding="utf-8")


def test_rebuild_keeps_the_last_good_outputs_when_a_save_is_invalid(watched: Path) -> None:
    """An invalid intermediate save prints its errors and leaves the previous outputs alone."""
    messages: list[str] = []
    builder = _builder(watched, messages)
    assert builder.rebuild()
    out = watched.parent / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    watched.write_text(VALID.replace("date: 2011", "date: 2011-13"), encoding="utf-8")
    messages.clear()
    assert not builder.rebuild()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert messages[0].startswith(f"{watched}:4:")
    assert messages[-1].endswith(f"kept the previous outputs in {out}")


def test_rebuild_after_a_fix_writes_only_what_changed(watched: Path) -> None:
    """Saving again after an edit rewrites only the outputs whose bytes changed."""
    messages: list[str] = []
    builder = _builder(watched, messages)
    builder.rebuild()
    watched.write_text(VALID.replace("title: First", "title: Second"), encoding="utf-8")
    messages.clear()
    assert builder.rebuild()
    out = watched.parent / "out"
    assert "Second" in (out / "all.txt").read_text(encoding="utf-8")
    assert all(m.startswith("wrote ") for m in messages)


def test_rebuild_skips_a_save_that_changed_nothing(watched: Path) -> None:
    """Saving the same bytes again renders nothing, unless an output went missing."""
    messages: list[str] = []
    builder = _builder(watched, messages)
    builder.rebuild()
    messages.clear()
    assert builder.rebuild()
    assert messages == [f"{watched}: no change since the last render"]
    (watched.parent / "out" / "all.md").unlink()
    messages.clear()
    assert builder.rebuild()
    assert messages == [f"wrote {watched.parent / 'out' / 'all.md'}"]


def test_rebuild_reports_a_missing_file_and_an_unknown_view(watched: Path) -> None:
    """A file that is gone, or a view the file lacks, is reported and nothing is written."""
    messages: list[str] = []
    assert not _builder(watched, messages, views=("nope",)).rebuild()
    out = watched.parent / "out"
    assert messages == [f"{watched}: no view named 'nope'; kept the previous outputs in {out}"]
    watched.unlink()
    messages.clear()
    assert not _builder(watched, messages).rebuild()
    assert "cannot read it" in messages[0]
    assert not (watched.parent / "out").exists()


def test_watch_renders_then_again_on_each_change(
    watched: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command renders at start and after each batch of changes, then stops cleanly."""

    def one_change(file: Path) -> Iterator[set[tuple[object, str]]]:
        file.write_text(VALID.replace("title: First", "title: Changed"), encoding="utf-8")
        yield {(object(), str(file))}

    monkeypatch.setattr(_cli_render, "_changes", one_change)
    out = watched.parent / "out"
    result = runner.invoke(app, ["watch", str(watched), "--out", str(out), "--format", "txt"])
    assert result.exit_code == 0, result.output
    assert "Changed" in (out / "all.txt").read_text(encoding="utf-8")
    assert "stopped watching" in result.stderr


def test_watch_refuses_unknown_formats_and_themes(watched: Path) -> None:
    """Bad --format or --theme values are command-line errors (exit 2) before any watching."""
    assert runner.invoke(app, ["watch", str(watched), "--format", "gif"]).exit_code == 2
    assert runner.invoke(app, ["watch", str(watched), "--theme", "neon"]).exit_code == 2


# -- what ships around the commands ----------------------------------------------------------


def test_help_does_not_import_heavy_modules() -> None:
    """Loading the command line imports neither ruamel, watchfiles nor matplotlib."""
    code = (
        "import sys, timeline.cli; "
        "print(sorted(m for m in ('ruamel.yaml', 'watchfiles', 'matplotlib', 'jsonschema') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


def test_pre_commit_hooks_name_real_commands() -> None:
    """The pre-commit hooks run `timeline validate` and `timeline fmt --check` on YAML files."""
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"timeline-validate", "timeline-fmt"}
    assert hooks["timeline-validate"]["entry"] == "timeline validate"
    assert hooks["timeline-fmt"]["entry"] == "timeline fmt --check"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["files"]
        assert hook["name"]
        assert hook["description"]


def test_every_editing_command_is_documented() -> None:
    """docs/editing.md has a section for each editing command and names fmt's exit codes."""
    doc = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    for command in ("fmt", "schema", "init", "watch"):
        assert f"`timeline {command}" in doc, command
    for code in ("0", "1", "2", "3"):
        assert f"| {code} |" in doc
    assert "--install-completion" in doc
    assert ".pre-commit-hooks.yaml" in doc or "pre-commit" in doc
