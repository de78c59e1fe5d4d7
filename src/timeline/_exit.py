"""Ending the ``timeline`` process without freeing what a command is done with.

Freeing a large chronology object by object takes time: about 0.06 s for 10,000 events
and 0.7 s for 100,000 (millions of small objects, each given back in turn), spent after
the command's work is done, in a process about to end, whose memory the operating system
takes back at once. The library hands what it is done with to :func:`keep`, which does
nothing unless a command that ends soon asked for it with :func:`start` (``fmt``), in a
process whose entry point said it will end it (:func:`enable`): the entry point then ends
the process with :func:`leave` (standard output and error flushed, then
:func:`os._exit`), as compilers do (clang's ``-disable-free``). A library caller, a test
running a command in its own process, or a long-running ``watch`` never keeps anything.

Only what cannot hold a resource is kept (chronologies, trees, texts): nothing kept needs
its finaliser to run, and a process that kept nothing leaves as usual.
"""

from __future__ import annotations

import contextlib
import os
import sys

__all__ = ["enable", "keep", "kept", "leave", "start"]

_enabled = False
_kept: list[object] | None = None


def enable() -> None:
    """Say that this process is the ``timeline`` command's, ended by its entry point (which
    calls :func:`leave` when something was kept)."""
    global _enabled
    _enabled = True


def start() -> None:
    """Keep from now on what :func:`keep` is given, until the process ends: when the process
    is the command's (:func:`enable`), else nothing."""
    global _kept
    if _enabled and _kept is None:
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
