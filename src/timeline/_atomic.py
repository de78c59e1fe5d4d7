"""Writing files so that a reader never sees a half-written one and nothing is lost."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

__all__ = [
    "STALE_AFTER",
    "check_target",
    "remove_stale_temporaries",
    "write_atomic",
    "write_new",
]

#: A temporary file of ours this old (seconds), that no process holds, was left by a
#: process killed while writing: the next write to the same file removes it.
STALE_AFTER = 60.0

_SPECIAL = (stat.S_ISCHR, stat.S_ISBLK, stat.S_ISFIFO, stat.S_ISSOCK)


def _is_special(mode: int) -> bool:
    return any(test(mode) for test in _SPECIAL)


def check_target(path: Path, *, special: bool = False) -> None:
    """Raise OSError (naming ``path``) unless ``write_atomic(path, ..., special=special)``
    can write there: ``path`` must not be a folder, nor (unless ``special``) a device, FIFO
    or socket, and its folder must be a folder. Nothing is written; callers check every
    target before writing any."""
    try:
        mode: int | None = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(path.parent)) from None
    if mode is not None and stat.S_ISLNK(mode) and special:
        with contextlib.suppress(OSError):
            mode = os.stat(path).st_mode
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if mode is not None and _is_special(mode) and not special:
        raise OSError(errno.EINVAL, "Not a regular file", str(path))
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(folder))


def write_atomic(path: Path, data: bytes, *, special: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    An interrupted write leaves the old file (or none) and no temporary file; one killed
    outright leaves a temporary file that the next write to ``path`` removes. A file being
    replaced keeps its permission bits; a symlink at ``path`` is replaced by the new file,
    never written through. A device, FIFO or socket is never renamed over: with ``special``
    (a target the user named, such as ``-o /dev/stdout``), it is written into, through a
    symlink too; without, it is refused with OSError.
    """
    if special:
        fd = _descriptor(path)
        if fd is not None:
            _write_fd(fd, data)
            return
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None and special:
        target_mode = info.st_mode
        if stat.S_ISLNK(target_mode):
            with contextlib.suppress(OSError):
                target_mode = os.stat(path).st_mode
        if _is_special(target_mode):
            _write_into(path, data)
            return
    if info is not None and _is_special(info.st_mode):
        raise OSError(errno.EINVAL, "Not a regular file", str(path))
    mode: int | None = None
    if info is not None and stat.S_ISREG(info.st_mode):
        mode = stat.S_IMODE(info.st_mode)
    folder = path.parent
    remove_stale_temporaries(folder, path.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        _lock(fd)  # tells a later cleaner that this temporary file is alive
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


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` holding ``data``, whole or not at all; FileExistsError when it exists.

    The data goes to a temporary file first, which is then linked under the new name (a
    link, unlike a rename, never replaces an existing file). Where the file system has no
    hard links, the file is created exclusively and written in place.
    """
    folder = path.parent
    remove_stale_temporaries(folder, path.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        _lock(fd)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise
            except OSError:  # no hard links here: exclusive creation is the next best
                with open(path, "xb") as out:
                    out.write(data)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _write_into(path: Path, data: bytes) -> None:
    """Write into a device, FIFO or terminal as it is: no temporary file, no rename."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        _write_fd(fd, data)
    finally:
        os.close(fd)


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


_FD_PATH = re.compile(r"/(?:dev|proc/self|proc/(?P<pid>[0-9]+))/fd/(?P<fd>[0-9]+)")


def _descriptor(path: Path) -> int | None:
    """The open file descriptor of this process that ``path`` names (``/dev/stdout``,
    ``/dev/fd/3``, ``/proc/self/fd/1``, directly or through symlinks), or None.

    Such a path stands for a file already open, however it was opened (appending, a
    pipe, a terminal): writing to the descriptor itself is what the user asked for, while
    replacing the path would replace ``/dev/stdout`` itself.
    """
    text = os.path.abspath(path)
    for _ in range(40):
        m = _FD_PATH.fullmatch(text)
        if m is not None and (m["pid"] is None or int(m["pid"]) == os.getpid()):
            return int(m["fd"])
        try:
            target = os.readlink(text)
        except OSError:
            return None
        text = os.path.normpath(os.path.join(os.path.dirname(text), target))
    return None


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: the age alone decides
        return
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlocked(path: str) -> bool:
    """True when no process holds the temporary file at ``path`` (so its writer is gone)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path, name: str) -> list[str]:
    """Remove the temporary files :func:`write_atomic` made for ``folder/name`` and never
    renamed (their writer was killed): ours by name, owned by this user, regular files,
    older than :data:`STALE_AFTER` seconds and held by no process. Returns their names."""
    pattern = re.compile(re.escape(f".{name}.") + r"[A-Za-z0-9_]{8}\.tmp")
    removed: list[str] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != _uid()
            or now - info.st_mtime < STALE_AFTER
            or not _unlocked(entry.path)
        ):
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(entry.path)
            removed.append(entry.name)
    return removed


def _uid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else 0
