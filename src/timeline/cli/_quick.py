"""``timeline validate [--strict] [FILE]`` without typer: the commonest command, started fast.

Importing typer (and the click it vendors) costs about as much as starting Python and
reading a 1,000-event chronology with libyaml. This module reads the simplest command
lines of ``validate`` itself: the word ``validate``, at most one file name and
``--strict``/``--no-strict``. It prints exactly what the typer command prints (each
diagnostic, then the summary line, on standard error) and exits with the same status,
Ctrl-C and a closed pipe included. Anything else (another command, any other option, a
``--`` or ``-``, two files, a file that cannot be read, shell completion, an output
stream that is not UTF-8) is left to typer, before anything is printed, so its messages
stay the only ones.

No typer, no click and no :mod:`pathlib` here: each would cost more than the rest of
starting up.
"""

from __future__ import annotations

import codecs
import os
import sys
from typing import TextIO

__all__ = ["validate"]

_FLAGS = {"--strict": True, "--no-strict": False}


def validate(argv: list[str]) -> int | None:
    """The exit status of ``timeline validate`` with the arguments after the program name
    ``argv``, once it has printed what the command prints; None, having printed nothing,
    when typer must read the command line."""
    if not argv or argv[0] != "validate" or not _plain_streams():
        return None
    strict = False
    files: list[str] = []
    for arg in argv[1:]:
        if arg in _FLAGS:
            strict = _FLAGS[arg]
        elif arg.startswith("-"):
            return None
        else:
            files.append(arg)
    if len(files) > 1:
        return None
    try:
        return _validate(path_text(files[0]) if files else "timeline.yaml", strict=strict)
    except KeyboardInterrupt:
        raise SystemExit(130) from None  # as typer turns it


def _plain_streams() -> bool:
    """True when click would write to the standard streams as they are (UTF-8 text
    streams) and no shell is asking for completions."""
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return False
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if encoding is None or codecs.lookup(encoding).name != "utf-8":
            return False
    return True


def path_text(arg: str) -> str:
    """``str(pathlib.Path(arg))`` on POSIX, as typer names the file: empty parts and ``.``
    dropped, one leading ``/`` kept (two kept as two), ``.`` for nothing."""
    if os.sep != "/":  # pragma: no cover - the quick path is for POSIX shells
        from pathlib import Path

        return str(Path(arg))
    root = ""
    if arg.startswith("/"):
        stripped = arg.lstrip("/")
        root = "//" if len(arg) - len(stripped) == 2 else "/"
        arg = stripped
    parts = [p for p in arg.split("/") if p and p != "."]
    return root + "/".join(parts) if root or parts else "."


def _validate(file: str, *, strict: bool) -> int | None:
    from timeline._read import FileTooLarge, read_bounded
    from timeline.errors import summary
    from timeline.loader._nodes import too_large
    from timeline.loader.validate import Report, check_bytes
    from timeline.spec import MAX_BYTES

    try:
        data = read_bounded(file, MAX_BYTES)
    except FileTooLarge as exc:
        report = Report(file, None, (too_large(file, exc.size, exc.limit),))
    except OSError:
        return None  # typer's command says why it cannot be read
    else:
        report = check_bytes(data, file)
    try:
        for d in report.diagnostics:
            _echo(str(d), sys.stderr)
        _echo(summary(report.diagnostics, file), sys.stderr)
    except BrokenPipeError:  # as typer: nothing more to say, and status 1
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stderr.fileno())
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0 if report.passes(strict=strict) else 1


def _echo(text: str, stream: TextIO) -> None:
    """``typer.echo``: a line, flushed, without ANSI styles unless on a terminal."""
    if "\x1b" in text and not stream.isatty():
        import re

        text = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", text)
    stream.write(text + "\n")
    stream.flush()
