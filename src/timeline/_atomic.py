"""Writing files so that a reader never sees a half-written one and nothing is lost."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    An interrupted write leaves the old file (or none) and no temporary file. A file being
    replaced keeps its permission bits; a symlink at ``path`` is replaced by the new file,
    never written through.
    """
    folder = path.parent
    try:
        mode: int | None = stat.S_IMODE(os.lstat(path).st_mode)
        if stat.S_ISLNK(os.lstat(path).st_mode):
            mode = None
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
