"""What any input may cost: every command's work grows linearly with hostile inputs.

The shapes come from ``bench/hostile.py`` (many events sharing an id, many groups, long
values, many bad references, many duplicates...). Here they are a few kilobytes; the
benchmark ``bench/bench_hostile.py`` runs them at up to 1 MB against the 10 s and 1 GB
budget. Cost is counted in Python function calls, which do not depend on the machine's
speed or load: doubling an input must not much more than double the calls (a quadratic
loop would quadruple them). Peak Python memory is bounded per input byte.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import re
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from timeline.cli import app

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from hostile import SHAPES

runner = CliRunner()

YAML_COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "validate": lambda src, out: ["validate", str(src)],
    "show": lambda src, out: ["show", str(src)],
    "fmt": lambda src, out: ["fmt", "--check", str(src)],
    "render text": lambda src, out: [
        "render",
        str(src),
        "-o",
        str(out),
        "--format",
        "md,txt",
        "--force",
        "-q",
    ],
    **{
        f"export {fmt}": (
            lambda src, out, fmt=fmt: ["export", str(src), "--to", fmt, "-o", str(out / fmt)]
        )
        for fmt in ("json", "csv", "ics", "timelinejs", "mermaid", "markwhen")
    },
}
YAML_SHAPES = sorted(name for name in SHAPES if SHAPES[name](100)[0] == "yaml")
IMPORT_SHAPES = sorted(name for name in SHAPES if SHAPES[name](100)[0] != "yaml")

#: Doubling the input may multiply the calls it causes by at most this (plus a little):
#: linear work doubles, quadratic work quadruples (measured before the fixes: 2.6 to 4).
GROWTH = 2.4
ALLOWANCE = 2_000
#: Peak Python memory allowed per input byte (1 MB of input in well under 1 GB).
BYTES_PER_BYTE = 400


def _run(args: list[str], *, calls: bool = True, memory: bool = False) -> tuple[int, int, int]:
    """Run the command in-process: (exit code, function calls, peak Python memory)."""
    profile = cProfile.Profile()
    if memory:
        tracemalloc.start()
    try:
        if calls:
            profile.enable()
        result = runner.invoke(app, args)
        profile.disable()
        peak = tracemalloc.get_traced_memory()[1] if memory else 0
    finally:
        if memory:
            tracemalloc.stop()
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    count = pstats.Stats(profile, stream=io.StringIO()).total_calls if calls else 0  # type: ignore[attr-defined]
    return result.exit_code, int(count), peak


def _input(tmp_path: Path, shape: str, size: int) -> tuple[Path, str]:
    kind, data = SHAPES[shape](size)
    path = tmp_path / f"{shape}-{size}.{'yaml' if kind == 'yaml' else kind}"
    path.write_bytes(data)
    return path, kind


def _check_growth(
    make_args: Callable[[Path], list[str]], floor: Path, small: Path, large: Path
) -> None:
    """The calls a command makes beyond those it makes on a tiny input of the same shape
    (start-up, fixed work) must not grow faster than the input."""
    _run(make_args(floor), calls=False)  # warm up: lazy imports and caches are not the input's
    _, calls_floor, _ = _run(make_args(floor))
    code_small, calls_small, _ = _run(make_args(small))
    code_large, calls_large, _ = _run(make_args(large))
    _, _, peak = _run(make_args(large), calls=False, memory=True)
    assert code_small in (0, 1)
    assert code_large in (0, 1)
    grown = max(0, calls_large - calls_floor)
    assert grown <= GROWTH * max(0, calls_small - calls_floor) + ALLOWANCE, (
        calls_floor,
        calls_small,
        calls_large,
    )
    size = large.stat().st_size
    assert peak <= BYTES_PER_BYTE * size + 40_000_000, (peak, size)


@pytest.fixture
def small_suggestion_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "Did you mean" has a fixed budget of comparisons: quadratic up to it, by design.
    A small budget here lets the growth of everything else show."""
    from timeline.loader.validate import _Suggester

    monkeypatch.setattr(_Suggester, "BUDGET", 200)


@settings(
    max_examples=16,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.sampled_from(YAML_SHAPES),
    st.sampled_from(sorted(YAML_COMMANDS)),
    st.integers(3_000, 5_000),
)
def test_commands_cost_grows_linearly_with_hostile_chronologies(
    tmp_path: Path, small_suggestion_budget: None, shape: str, command: str, size: int
) -> None:
    """Every command on every hostile shape: twice the input costs about twice the work,
    within bounded memory, and ends with exit 0 or 1 (never a traceback)."""
    floor, _ = _input(tmp_path, shape, 300)
    small, _ = _input(tmp_path, shape, size)
    large, _ = _input(tmp_path, shape, 2 * size)
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    _check_growth(lambda src: YAML_COMMANDS[command](src, out), floor, small, large)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.sampled_from(IMPORT_SHAPES), st.integers(3_000, 5_000))
def test_import_cost_grows_linearly_with_hostile_files(
    tmp_path: Path, small_suggestion_budget: None, shape: str, size: int
) -> None:
    """Importing hostile CSV, JSON and TimelineJS files: linear work, bounded memory."""
    floor, kind = _input(tmp_path, shape, 300)
    small, _ = _input(tmp_path, shape, size)
    large, _ = _input(tmp_path, shape, 2 * size)
    args: Callable[[Path], list[str]] = lambda src: ["import", str(src), "--from", kind, "-o", "-"]  # noqa: E731
    _check_growth(args, floor, small, large)


#: Shapes with many events in one chart (or in each of many views' charts).
MANY_EVENTS = [
    "duplicate-ids",
    "long-ids",
    "many-eras",
    "many-groups",
    "many-sources",
    "many-views",
]


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.sampled_from(MANY_EVENTS), st.integers(3_000, 5_000), st.booleans())
def test_a_refused_chart_costs_in_proportion_to_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str, size: int, together: bool
) -> None:
    """Charts over the limit on events, one chart's or all charts' together (none allowed
    here, so that small files reach them), are refused after work that grows like the
    file, before anything is drawn."""
    from timeline.render.chart import limits

    monkeypatch.setattr(limits, "MAX_RENDER_EVENTS" if together else "MAX_CHART_EVENTS", 0)
    # The floor holds some events (50 empty views would each draw a chart), and the large
    # file as much more than the floor as the small one, twice over.
    floor_size = 1_100 if shape == "many-views" else 300
    floor, _ = _input(tmp_path, shape, floor_size)
    small, _ = _input(tmp_path, shape, size)
    large, _ = _input(tmp_path, shape, 2 * size - floor_size)
    out = tmp_path / "out"

    def args(src: Path) -> list[str]:
        return ["render", str(src), "-o", str(out), "--format", "png"]

    _check_growth(args, floor, small, large)
    assert _run(args(large), calls=False)[0] == 1  # refused, not drawn


def test_every_shape_is_what_its_name_says() -> None:
    """Each hostile shape stays within its size and is refused or accepted as designed."""
    from timeline import check_bytes

    for name, shape in SHAPES.items():
        kind, data = shape(4000)
        assert 2000 < len(data) <= 4000, name
        if kind == "yaml":
            report = check_bytes(data, name)
            refused = name in ("long-date", "long-values", "bad-references", "duplicate-keys")
            assert bool(report.errors) == (refused or name == "many-errors"), name


def test_every_limit_is_documented() -> None:
    """docs/limits.md states the value of every limit the code enforces."""
    from timeline import dates, errors, spec
    from timeline.diff import _git
    from timeline.formats import _jsonpos, _workbook
    from timeline.loader import _nodes
    from timeline.loader.validate import _Suggester
    from timeline.render.chart import limits

    text = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    values = {
        "MAX_BYTES": spec.MAX_BYTES,
        "MAX_EVENTS": spec.MAX_EVENTS,
        "MAX_VIEWS": spec.MAX_VIEWS,
        "MAX_ERAS": spec.MAX_ERAS,
        "MAX_TITLE": spec.MAX_TITLE,
        "MAX_WORD": spec.MAX_WORD,
        "MAX_ID": spec.MAX_ID,
        "MAX_DATE_TEXT": dates.MAX_DATE_TEXT,
        "MAX_DEPTH": _nodes.MAX_DEPTH,
        "MAX_NUMBER": _jsonpos.MAX_NUMBER,
        "MAX_MESSAGE": errors.MAX_MESSAGE,
        "BUDGET": _Suggester.BUDGET,
        "MAX_LANES": limits.MAX_LANES,
        "MAX_CHART_EVENTS": limits.MAX_CHART_EVENTS,
        "MAX_RENDER_EVENTS": limits.MAX_RENDER_EVENTS,
        "MAX_HEIGHT_IN": int(limits.MAX_HEIGHT_IN),
        "MAX_PIXELS": limits.MAX_PIXELS,
        "MAX_CELLS": _workbook.MAX_CELLS,
        "MAX_UNZIPPED": _workbook.MAX_UNZIPPED,
        "MAX_HISTORY": _git.MAX_HISTORY,
    }
    for name, value in values.items():
        row = re.search(rf"^\|[^|\n]*`{name}`[^|\n]*\|([^|\n]*)\|", text, re.MULTILINE)
        assert row is not None, f"{name} is not in docs/limits.md"
        assert f"{value:,}" in row[1], f"{name}: {value:,} not in {row[1]!r}"
