"""Coverage-guided fuzzing of the loader with atheris (not part of the test suite).

Every input must give a chronology or diagnostics; any other exception is a bug.

Usage: pip install atheris && python bench/fuzz_load.py [-runs=200000] [CORPUS_DIR ...]
Seeds: the sample and the bad-input corpus in tests/data/bad are good starting points:
    python bench/fuzz_load.py -runs=200000 /tmp/corpus tests/data/bad
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from timeline import check_bytes


def test_one_input(data: bytes) -> None:
    report = check_bytes(data, "fuzz.yaml")
    if report.timeline is None and not report.errors:
        raise AssertionError("no chronology and no error")
    for d in report.diagnostics:
        if d.line < 1 or d.col < 1 or "\n" in str(d):
            raise AssertionError(f"malformed diagnostic: {d!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
