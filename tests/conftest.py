"""Shared fixtures for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "timeline.yaml"

#: Set TIMELINE_REGEN_GOLDENS=1 to rewrite expected outputs from the current code.
REGEN = os.environ.get("TIMELINE_REGEN_GOLDENS") == "1"


@pytest.fixture
def sample_bytes() -> bytes:
    """The sample chronology's bytes."""
    return SAMPLE.read_bytes()
