"""The architecture in docs/architecture.md holds: import-linter's contracts are kept, and
they do fail when a module imports upwards or two modules import each other."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

LINT = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(LINT is None, reason="import-linter is not installed")


def _lint(src: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports with the project's contracts over the package found in ``src``."""
    assert LINT is not None
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [LINT, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    """A copy of the package to break on purpose."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "timeline", src / "timeline")
    return src


def test_the_contracts_are_kept() -> None:
    """The package as it is keeps every contract."""
    result = _lint(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    """A low layer (the model) importing a high one (the renderer) fails the check."""
    src = _copy(tmp_path)
    model = src / "timeline" / "model.py"
    model.write_text(model.read_text() + "\nimport timeline.render.outputs\n")
    result = _lint(src)
    assert result.returncode != 0
    assert "timeline.model is not allowed to import timeline.render" in result.stdout


def test_a_cycle_between_siblings_breaks_the_check(tmp_path: Path) -> None:
    """Two sibling packages importing each other (the renderer and the formats) fail."""
    src = _copy(tmp_path)
    target = src / "timeline" / "formats" / "_common.py"
    target.write_text(target.read_text() + "\nimport timeline.render.outputs\n")
    lower = src / "timeline" / "render" / "alt.py"
    lower.write_text(lower.read_text() + "\nimport timeline.formats._common\n")
    result = _lint(src)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
