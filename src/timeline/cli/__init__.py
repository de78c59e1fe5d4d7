"""The ``timeline`` command: a thin typer layer over the library.

Exit codes: 0 ok, 1 the data is wrong, 2 the command line is wrong (or the file is missing).
Each command group lives in its own module and registers itself on the shared ``app``;
heavy modules (matplotlib, Babel) are imported inside the commands that need them, so
``--help``, ``validate`` and ``show`` start fast. ``timeline validate`` with nothing but a
file name (the commonest command line) does not even import typer (:mod:`._quick`).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.cli._common import app

__all__ = ["app", "main"]


#: The command modules, in the order ``--help`` lists their commands.
_GROUPS = ("check", "render", "edit", "interop", "diff")


def _app() -> Any:
    """The typer app with every command registered, in :data:`_GROUPS` order (whichever
    command module was imported first)."""
    import importlib

    from timeline.cli._common import app

    for group in _GROUPS:  # importing a command module registers its commands
        importlib.import_module(f"timeline.cli.{group}")
    rank = {f"timeline.cli.{group}": i for i, group in enumerate(_GROUPS)}
    app.registered_commands.sort(key=lambda c: rank[c.callback.__module__])
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return _app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``timeline`` command."""
    from timeline import _process
    from timeline.cli._quick import validate

    try:
        status = validate(sys.argv[1:])
        if status is not None:
            sys.exit(status)
        _process.claim()
        _app()()
    except KeyboardInterrupt:
        _interrupted()
        sys.exit(130)
    except SystemExit as exc:
        if exc.code == 130:  # typer turns Ctrl-C into a silent exit 130
            _interrupted()
        if _process.kept():  # what the command was done with is not freed one by one
            _process.leave(exc.code)
        raise
    except BrokenPipeError:
        # The reader went away (``timeline show | head``): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


def _interrupted() -> None:
    sys.stderr.write("timeline: interrupted\n")
    sys.stderr.flush()
