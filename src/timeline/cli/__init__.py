"""The ``timeline`` command: a thin typer layer over the library.

Exit codes: 0 ok, 1 the data is wrong, 2 the command line is wrong (or the file is missing).
Each command group lives in its own module and registers itself on the shared ``app``;
heavy modules (matplotlib, Babel) are imported inside the commands that need them, so
``--help``, ``validate`` and ``show`` start fast.
"""

from __future__ import annotations

import os
import sys

import typer

# Importing a command module registers its commands, in the order ``--help`` lists them.
# isort: off
from timeline.cli._common import app
from timeline.cli import check as _check  # noqa: F401
from timeline.cli import render as _render  # noqa: F401
from timeline.cli import edit as _edit  # noqa: F401
from timeline.cli import interop as _interop  # noqa: F401
from timeline.cli import diff as _diff  # noqa: F401

# isort: on

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``timeline`` command."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("timeline: interrupted", err=True)
        sys.exit(130)
    except SystemExit as exc:
        if exc.code == 130:  # typer turns Ctrl-C into a silent exit 130
            typer.echo("timeline: interrupted", err=True)
        raise
    except BrokenPipeError:
        # The reader went away (``timeline show | head``): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
