"""Reading files with a bound: no input costs more memory or time than its limit allows.

``Path.read_bytes()`` reads a 3 GB file whole before anyone can check its size, and never
returns from ``/dev/zero`` or a pipe that keeps writing. :func:`read_bounded` looks at a
regular file's size before reading it and stops any other file (a device, a pipe) as soon as
it has read more than the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["FileTooLarge", "read_bounded", "read_stream_bounded"]

_CHUNK = 1 << 20


class FileTooLarge(Exception):
    """A file over the limit; ``size`` is its size, or None when it has no end in sight (a
    device or a pipe) or kept growing while it was read."""

    def __init__(self, size: int | None, limit: int) -> None:
        self.size = size
        self.limit = limit
        said = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
        super().__init__(f"file is {said}; the limit is {limit:,} bytes")


def read_bounded(
    path: Path | str, limit: int, *, follow_symlinks: bool = True, regular_only: bool = False
) -> bytes:
    """The bytes of ``path``, or :class:`FileTooLarge` when it holds more than ``limit``.

    A regular file's size is checked before anything is read. OSError as for ``open``
    (IsADirectoryError for a folder; with ``follow_symlinks`` False, a symlink is refused
    with ELOOP; with ``regular_only``, anything but a regular file is refused without
    waiting for a pipe's writer).
    """
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    if regular_only:
        flags |= getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        if regular_only and not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "Not a regular file", str(path))
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise FileTooLarge(info.st_size, limit)
        return _read_all(lambda n: os.read(fd, n), limit)
    finally:
        os.close(fd)


def read_stream_bounded(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes from ``stream`` (standard input, a pipe), or
    :class:`FileTooLarge` as soon as it has given more."""
    return _read_all(stream.read, limit)


def _read_all(read: Callable[[int], bytes], limit: int) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise FileTooLarge(None, limit)
