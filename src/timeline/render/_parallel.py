"""Running independent pieces of a render at once, in forked worker processes.

A render draws several charts per view (the chart's parts, the HTML page's across and
down charts); each is a pure function of the chronology and the options, so they can be
drawn side by side. :class:`Workers` runs jobs, each ``work(job)``, in worker processes
forked from this one, so they share the chronology and the imported modules without
copying or importing anything again; each result is the same as running the job here.

Workers are forked only where forking is safe and cheap (Linux), and only when asked
(``count`` > 1); otherwise every job runs in this process. A job that fails in a worker is
run again here, so its error is raised exactly as it would be without workers (and no
exception object has to travel between processes). Workers ignore Ctrl-C: the parent
stops them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["Handle", "Workers", "available_workers", "can_fork"]

J = TypeVar("J")
R = TypeVar("R")

#: At most this many workers by default, whatever the machine has: beyond it the parent's
#: own work (planning, pages, writing) and memory dominate.
DEFAULT_MAX_WORKERS = 8
#: At most this many when asked for (each holds a chart in memory while drawing it).
MAX_WORKERS = 32

# What a forked worker runs: set by Workers in the parent just before forking. A worker
# inherits it; nothing is pickled but the jobs and the results.
_WORK: Callable[[object], object] | None = None


class _Failed:
    """A job's result when it raised in a worker: the parent runs it again itself."""


def can_fork() -> bool:
    """True where workers are forked from this process (Linux)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def available_workers() -> int:
    """How many workers a render uses by default: one per CPU core this process may run
    on, at most :data:`DEFAULT_MAX_WORKERS`; 1 where workers cannot be forked."""
    if not can_fork():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - Linux has it
        cores = os.cpu_count() or 1
    return max(1, min(cores, DEFAULT_MAX_WORKERS))


def _start_worker() -> None:
    """In each worker: Ctrl-C is for the parent, which stops the workers."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_one(job: object) -> object:
    """One job in a worker; a failure becomes :class:`_Failed` (see the module's doc)."""
    assert _WORK is not None
    try:
        return _WORK(job)
    except Exception:
        return _Failed()


class Handle(Generic[R]):
    """A submitted job: :meth:`result` waits for it (or, without workers, runs it)."""

    def __init__(self, workers: Workers[J, R], job: J, pending: Future[object] | None) -> None:
        self._workers = workers
        self._job = job
        self._pending = pending

    def result(self) -> R:
        """The job's result; a job that failed in a worker, or whose worker died (killed
        for want of memory, say), is run again here, raising its error as it would
        without workers."""
        if self._pending is not None:
            from concurrent.futures.process import BrokenProcessPool

            try:
                got = self._pending.result()
            except BrokenProcessPool:
                got = _Failed()
            if not isinstance(got, _Failed):
                return got  # type: ignore[return-value]
        return self._workers.work(self._job)


class Workers(Generic[J, R]):
    """Up to ``count`` forked processes running ``work(job)`` for the jobs submitted,
    as a context manager (the workers stop on leaving it)::

        with Workers(draw, 2) as workers:
            handles = [workers.submit(job) for job in jobs]
            results = [h.result() for h in handles]

    ``work`` and its results must not depend on which process runs it: they are pure
    functions of what this process holds when the workers are forked (on the first
    submission). With ``count`` 1, where workers cannot be forked, or where the system
    refuses to start them, every job runs in this process, when its result is asked for.
    """

    def __init__(self, work: Callable[[J], R], count: int) -> None:
        self.work = work
        self.count = count if can_fork() else 1
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers[J, R]:
        global _WORK
        if self.count > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            try:
                context = multiprocessing.get_context("fork")
                self._pool = ProcessPoolExecutor(
                    self.count, mp_context=context, initializer=_start_worker
                )
            except (OSError, ImportError, ValueError):
                # No process semaphores here (some containers and sandboxes have no
                # /dev/shm): every job runs in this process.
                self._pool = None
            else:
                _WORK = self.work  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        global _WORK
        pool, self._pool = self._pool, None
        if pool is not None:
            # Stop the workers now, whatever they are drawing (after Ctrl-C, or an error
            # here): what they would make is no longer wanted.
            processes = list(getattr(pool, "_processes", {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join()
        _WORK = None

    def submit(self, job: J) -> Handle[R]:
        """Start ``job`` on a free worker (or queue it); its result comes from the handle.
        The first submission forks the workers (before the pool starts its own thread)."""
        pending = None
        if self._pool is not None:
            import warnings

            try:
                with warnings.catch_warnings():
                    # Python 3.12 and later warn when a process with threads forks (a
                    # caller's, or the one compressing PNGs): a worker runs none of their
                    # code and makes its own PNG thread (see chart/_compose.py).
                    warnings.filterwarnings(
                        "ignore", message=r".*multi-threaded.*fork", category=DeprecationWarning
                    )
                    pending = self._pool.submit(_run_one, job)
            except (OSError, RuntimeError):  # no more processes allowed: draw here
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
        return Handle(self, job, pending)
