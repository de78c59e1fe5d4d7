"""What the ``timeline`` command's own process may do that a library caller's must not.

The command's entry point says the process is its own (:func:`claim`). Two things are then
done that a library caller (an editor plugin, a notebook, a test) would not want done in
its process:

- **Ending without freeing.** Freeing a large chronology object by object takes time:
  about 0.06 s for 10,000 events and 0.7 s for 100,000 (millions of small objects, each
  given back in turn), spent after the command's work is done, in a process about to end,
  whose memory the operating system takes back at once (with the interpreter's own
  teardown: about 0.1 s after a render, matplotlib's state included). The library hands
  what it is done with to :func:`keep`, which does nothing unless a command that ends soon
  asked for it with :func:`start_keeping` (``fmt``, and ``render`` once its files are
  written); the entry point then ends the process with
  :func:`leave` (standard output and error flushed, then :func:`os._exit`), as compilers
  do (clang's ``-disable-free``). Only what holds no resource is kept (chronologies, trees,
  texts): nothing kept needs its finaliser to run. A long-running ``watch`` never keeps.
- **Reading beside.** A child process forked from this one may read a text while this one
  validates it, on a second core (:func:`may_fork`): see :mod:`timeline.fmt._aside`.
"""

from __future__ import annotations

import contextlib
import os
import sys

__all__ = ["claim", "keep", "kept", "leave", "may_fork", "start_keeping"]

_claimed = False
_kept: list[object] | None = None


def claim() -> None:
    """Say that this process is the ``timeline`` command's, ended by its entry point (which
    calls :func:`leave` when something was kept)."""
    global _claimed
    _claimed = True


def may_fork() -> bool:
    """True when a child process may be forked to work beside this one: the process is the
    command's, on Linux, with at least two cores to run on, and no other thread running
    (a fork copies only the thread that makes it)."""
    if not _claimed or not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - Linux has it
        cores = os.cpu_count() or 1
    if cores < 2:
        return False
    import threading

    return threading.active_count() == 1


def start_keeping() -> None:
    """Keep from now on what :func:`keep` is given, until the process ends: when the process
    is the command's (:func:`claim`), else nothing."""
    global _kept
    if _claimed and _kept is None:
        _kept = []


def keep(*objects: object) -> None:
    """Hold ``objects`` until the process ends, when :func:`start` was called; else nothing
    (they are freed when their last reference goes, as usual)."""
    if _kept is not None:
        _kept.extend(objects)


def kept() -> bool:
    """True when something is held (the process should then end with :func:`leave`)."""
    return bool(_kept)


def leave(code: object) -> None:
    """End the process with the exit status ``code`` means (as :class:`SystemExit` reads
    it: None is 0, a number itself, anything else printed on standard error and 1),
    without freeing anything."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        # The reader may have gone away, or the stream be closed: nothing more can reach it.
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(status)
