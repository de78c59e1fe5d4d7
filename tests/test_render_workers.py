"""Charts drawn side by side in forked processes: the same outputs, the same errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import timeline
from timeline.cli import app
from timeline.render import Pipeline, RenderOptions, render
from timeline.render._parallel import MAX_WORKERS, Workers, available_workers, can_fork

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "timeline.yaml"

needs_fork = pytest.mark.skipif(not can_fork(), reason="workers are forked on Linux only")


class Refused(Exception):
    """An error whose constructor does not take its message back (it cannot be unpickled
    as it was raised)."""

    def __init__(self, number: int, name: str) -> None:
        super().__init__(f"job {number} refused ({name})")


def _square_in(job: int) -> tuple[int, int]:
    if job == 3:
        raise Refused(job, "three")
    return job * job, os.getpid()


@needs_fork
def test_jobs_run_in_other_processes_and_come_back_in_order() -> None:
    """Each result is its job's, in the order submitted, made by a forked worker."""
    with Workers(_square_in, 2) as workers:
        handles = [workers.submit(n) for n in (5, 1, 4, 2)]
        results = [h.result() for h in handles]
    assert [r[0] for r in results] == [25, 1, 16, 4]
    assert all(pid != os.getpid() for _, pid in results)


@needs_fork
def test_a_job_failing_in_a_worker_raises_here_as_it_would_without_workers() -> None:
    """The failed job runs again in this process, so its own error (even one that could
    not travel between processes) is what the caller sees."""
    with Workers(_square_in, 2) as workers:
        ok = workers.submit(2)
        bad = workers.submit(3)
        assert ok.result()[0] == 4
        with pytest.raises(Refused, match=r"^job 3 refused \(three\)$"):
            bad.result()


_PARENT = os.getpid()


def _dies_in_a_worker(job: int) -> tuple[int, int]:
    if job == 2 and os.getpid() != _PARENT:
        os.kill(os.getpid(), signal.SIGKILL)  # as the system does when memory runs out
    return job * 10, os.getpid()


@needs_fork
def test_a_worker_that_dies_never_hangs_the_render() -> None:
    """A worker killed while drawing (by the system, for want of memory) does not leave
    the render waiting: its job, and every job after it, is drawn here instead."""
    with Workers(_dies_in_a_worker, 2) as workers:
        handles = [workers.submit(n) for n in (1, 2, 3)]
        results = [h.result() for h in handles]
    assert [r[0] for r in results] == [10, 20, 30]
    assert results[1][1] == os.getpid()


def test_one_worker_runs_every_job_here() -> None:
    """With a count of 1 nothing is forked: every job runs in this process."""
    with Workers(_square_in, 1) as workers:
        results = [workers.submit(n).result() for n in (1, 2)]
    assert results == [(1, os.getpid()), (4, os.getpid())]


def test_available_workers_is_within_its_bounds() -> None:
    """The default is at least one worker and never more than the cap."""
    assert 1 <= available_workers() <= MAX_WORKERS


FILE = textwrap.dedent(
    """\
    title: Workers
    groups:
      a: {label: Alpha}
      b: {label: Beta}
    events:
      - {id: e1, date: 2001-03-04, title: First thing, group: a, importance: 3}
      - {id: e2, date: 2001-03-05, title: Second thing a day later, group: b}
      - {id: e3, date: 2004, title: A year known only, group: a}
      - {id: e4, date: 2004-06/2007-02, title: A long period, group: b}
      - {id: e5, date: 2010-01-01T10:00, title: Morning, group: a}
      - {id: e6, date: 2010-01-01T15:30, title: Afternoon, group: b}
    views:
      across:
        title: Across
        layout: across
      down:
        title: Down
        layout: down
      auto:
        title: Whatever fits
    """
)


@needs_fork
def test_outputs_are_the_same_bytes_whatever_the_number_of_workers(tmp_path: Path) -> None:
    """Every output of every view (across, down and auto layouts, every format) is byte
    for byte the same drawn by two workers as drawn in this process."""
    path = tmp_path / "timeline.yaml"
    path.write_text(FILE, encoding="utf-8")
    t = timeline.load(path)
    options = RenderOptions(formats=("png", "svg", "pdf", "md", "txt", "html"), dpi=72)
    alone = render(t, options=options, workers=1)
    together = render(t, options=options, workers=2)
    assert list(together) == list(alone)
    assert together == alone
    assert {"across.png", "down.html", "auto.svg"} <= set(alone)


@needs_fork
def test_the_sample_renders_the_same_with_workers(tmp_path: Path) -> None:
    """The sample's default outputs (charts in parts, both pages) are the same bytes."""
    t = timeline.load(SAMPLE)
    options = RenderOptions(dpi=72)
    assert render(t, options=options, workers=2) == render(t, options=options, workers=1)


@needs_fork
def test_an_error_found_while_drawing_is_the_same_with_workers(tmp_path: Path) -> None:
    """A chart over the pixel limit, found inside a worker, is reported as without
    workers, and nothing is written."""
    path = tmp_path / "timeline.yaml"
    path.write_text(FILE, encoding="utf-8")
    messages = []
    for workers in (1, 2):
        pipeline = Pipeline(
            path,
            tmp_path / f"out{workers}",
            options=RenderOptions(dpi=1200, width_cm=400.0),
            workers=workers,
        )
        with pytest.raises(timeline.TimelineError) as caught:
            pipeline.run(force=True)
        messages.append(str(caught.value))
        assert not (tmp_path / f"out{workers}").exists()
    assert messages[0] == messages[1]
    assert "pixels" in messages[0]


@needs_fork
def test_workers_are_forked_after_a_chart_was_saved_in_this_process(tmp_path: Path) -> None:
    """A program that already saved a PNG (its compressing thread started) can render
    with workers: each worker compresses its own PNGs instead of waiting for a thread it
    does not have."""
    path = tmp_path / "timeline.yaml"
    path.write_text(FILE, encoding="utf-8")
    script = textwrap.dedent(
        f"""\
        import timeline
        from timeline.render import RenderOptions, render
        t = timeline.load({str(path)!r})
        options = RenderOptions(formats=("png",), dpi=72)
        first = render(t, options=options, workers=1)
        assert render(t, options=options, workers=2) == first
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"


@pytest.mark.parametrize("jobs", ["0", "33", "-1"])
def test_jobs_out_of_range_is_a_usage_error(jobs: str, tmp_path: Path) -> None:
    """``--jobs`` must be between 1 and the cap: anything else exits 2 naming the range."""
    result = CliRunner().invoke(app, ["render", str(SAMPLE), "-o", str(tmp_path), "-j", jobs])
    assert result.exit_code == 2
    assert result.output == f"timeline: error: --jobs must be between 1 and 32, not {jobs}\n"
    assert not any(tmp_path.iterdir())


def test_a_system_without_process_semaphores_draws_everything_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where the pool cannot be made (no /dev/shm for its semaphores, as in some sandboxes),
    every job runs in this process instead of the render failing."""
    import concurrent.futures

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    with Workers(_square_in, 2) as workers:
        results = [workers.submit(n).result() for n in (1, 2)]
    assert results == [(1, os.getpid()), (4, os.getpid())]


def test_a_render_leaves_the_garbage_collector_as_it_found_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While charts are drawn the collector runs less often; a render (even one that
    fails) puts its thresholds back."""
    import gc

    from timeline.render import _collect

    before = gc.get_threshold()
    with _collect.drawing():
        assert gc.get_threshold()[0] == _collect.YOUNG
    assert gc.get_threshold() == before
    t = timeline.load(SAMPLE)
    with pytest.raises(RuntimeError), _collect.drawing():
        raise RuntimeError("a failing render")
    assert gc.get_threshold() == before
    seen: list[int] = []
    real = gc.set_threshold

    def spy(*thresholds: int) -> None:
        seen.append(thresholds[0])
        real(*thresholds)

    monkeypatch.setattr(gc, "set_threshold", spy)
    render(t, ["offensive"], RenderOptions(formats=("svg",)))
    assert seen == [_collect.YOUNG, before[0]]
    assert gc.get_threshold() == before
