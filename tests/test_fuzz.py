"""Every reader and every writer under mutated input, at a small budget.

The harness is ``bench/fuzz_load.py`` (run by hand at a large budget, or with atheris):
readers give a chronology or positioned one-line diagnostics, and every chronology that
loads goes through every export, the text renderings, ``fmt`` and some charts, each output
checked for what its format promises.
"""

from __future__ import annotations

import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import fuzz_load


def test_every_seed_passes_every_check() -> None:
    """The fuzzer's starting inputs themselves pass every reader's and writer's checks."""
    counts = fuzz_load.Counts()
    for reader, inputs in fuzz_load.seeds().items():
        for data in inputs:
            fuzz_load.check_input(reader, data, counts)
    assert all(counts.loaded[r] for r in fuzz_load.READERS)
    assert counts.outputs["fmt"] > 0


@pytest.mark.parametrize("seed", [1, 2])
def test_mutated_inputs_keep_every_promise(seed: int) -> None:
    """A small fixed budget of mutated inputs, spread over the five readers, breaks no
    reader's or writer's promise (charts included now and then)."""
    counts = fuzz_load.fuzz(60, seed, charts_every=10)
    assert sum(counts.inputs.values()) == 60
    assert sum(counts.loaded.values()) > 0
    assert counts.outputs["export ics"] == sum(counts.loaded.values())
