"""Shared fixtures for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

#: Property tests draw the same examples on every run (a failure is the code's, reproducible
#: anywhere); ``TIMELINE_HYPOTHESIS=explore`` draws new random ones on each run, to
#: look for failures nobody has seen yet.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("TIMELINE_HYPOTHESIS", "repeatable"))

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "timeline.yaml"

#: Set TIMELINE_REGEN_GOLDENS=1 to rewrite expected outputs from the current code.
REGEN = os.environ.get("TIMELINE_REGEN_GOLDENS") == "1"


@pytest.fixture
def sample_bytes() -> bytes:
    """The sample chronology's bytes."""
    return SAMPLE.read_bytes()
