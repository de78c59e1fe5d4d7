"""Skipping a render when nothing changed: same input bytes, options, code and environment.

``timeline render`` records what it wrote in ``OUT/.timeline-render.json``: a key (a hash of
the input, the options, the versions of everything that shapes the output, and the fonts
installed) and the SHA-256 of each file. When the key matches and every file is still there
unchanged, the work is skipped. The record holds no times, so it is itself deterministic.

The record and the outputs are only ever read as regular files of bounded size, never
through a symlink: a record pointed at ``/dev/zero`` or a FIFO in place of an output just
means "render again".
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

from timeline._atomic import write_atomic
from timeline._read import FileTooLarge, read_bounded

__all__ = ["MANIFEST", "is_fresh", "key", "record", "stale_parts"]

MANIFEST = ".timeline-render.json"
#: A record larger than this was not written by us.
_MAX_MANIFEST = 1 << 20
#: An output larger than this is not compared, only rendered again.
_MAX_OUTPUT = 1 << 30
#: Packages whose version can change a chart or a page (drawing, rasterising, PNG and PDF
#: writing, font subsetting, dates and time zones, locale data).
_PACKAGES = ("matplotlib", "pillow", "numpy", "fonttools", "babel", "pendulum", "tzdata")
#: Font files matplotlib finds (the same folders it scans).
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".afm", ".pfb")


def _version(package: str) -> str:
    # Imported here: importlib.metadata costs 15-30 ms, and only a render needs it.
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def key(data: bytes, options: object, views: list[str] | None, changes: str = "") -> str:
    """A hash of everything that decides the outputs (``changes``: a digest of the changes
    since an earlier version that the outputs show, if any)."""
    from timeline._version import __version__

    h = hashlib.sha256()
    h.update(data)
    parts = [repr(options), repr(views), changes, __version__, sys.version, _zone_database()]
    parts += [f"{name}={_version(name)}" for name in _PACKAGES]
    for part in parts:
        h.update(b"\0" + part.encode("utf-8"))
    h.update(_code_digest())
    h.update(_fonts_digest())
    return h.hexdigest()


def _zone_database() -> str:
    """The version line of the system's time-zone database (which zoneinfo prefers to the
    tzdata package): a new release can move a zone's offsets."""
    import zoneinfo

    for folder in zoneinfo.TZPATH:
        try:
            with open(os.path.join(folder, "tzdata.zi"), "rb") as f:
                return f.readline(100).decode("ascii", "replace").strip()
        except OSError:
            continue
    return "no system zone database"


def _code_digest() -> bytes:
    """A digest of the package's own code and data, so that any change to how outputs are
    made (not only a new version number) renders again. About 2 ms."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml") and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            h.update(path.read_bytes())
    return h.digest()


def _font_folders() -> list[Path]:
    """Where fonts the charts may use live: the folders matplotlib scans, and its cache of
    what it found there (without importing matplotlib)."""
    home = Path.home()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    cache = os.environ.get("MPLCONFIGDIR") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "matplotlib"
    )
    folders = [
        "/usr/X11R6/lib/X11/fonts/TTF",
        "/usr/X11/lib/X11/fonts",
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/usr/lib/openoffice/share/fonts/truetype",
        str(data_home / "fonts"),
        str(home / ".fonts"),
        "/Library/Fonts",
        "/Network/Library/Fonts",
        "/System/Library/Fonts",
        "/opt/local/share/fonts",
        str(home / "Library" / "Fonts"),
        os.path.join(os.environ.get("WINDIR", "C:\\Windows"), "Fonts"),
        os.path.join(os.environ.get("LOCALAPPDATA", ""), "Microsoft", "Windows", "Fonts"),
    ]
    return [Path(cache), *map(Path, folders)]


def _fonts_digest() -> bytes:
    """A digest of the installed fonts (name, size and time of each font file, and of
    matplotlib's font list): installing, removing or updating a font renders again."""
    h = hashlib.sha256()
    for i, folder in enumerate(_font_folders()):
        entries: list[str] = []
        for dirpath, _dirs, names in os.walk(folder):
            for name in names:
                if i == 0 and not name.startswith("fontlist"):
                    continue
                if i > 0 and not name.lower().endswith(_FONT_SUFFIXES):
                    continue
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                entries.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
            if i == 0:
                break  # the cache folder itself, not what matplotlib keeps below it
        h.update(str(folder).encode("utf-8", "surrogateescape") + b"\0")
        for entry in sorted(entries):
            h.update(entry.encode("utf-8", "surrogateescape") + b"\n")
    return h.digest()


def _read(path: Path, limit: int) -> bytes:
    """A regular file's bytes, read without following a symlink; OSError otherwise."""
    try:
        return read_bounded(path, limit, follow_symlinks=False, regular_only=True)
    except FileTooLarge as exc:
        raise OSError(str(exc)) from None


def is_fresh(folder: Path, expected_key: str) -> list[str] | None:
    """The recorded file names when ``folder`` holds exactly what ``expected_key`` renders."""
    try:
        manifest = json.loads(_read(folder / MANIFEST, _MAX_MANIFEST).decode("utf-8"))
        if manifest.get("key") != expected_key:
            return None
        files: dict[str, str] = manifest["files"]
        for name, digest in files.items():
            if "/" in name or "\\" in name or name.startswith("."):
                return None
            if hashlib.sha256(_read(folder / name, _MAX_OUTPUT)).hexdigest() != digest:
                return None
        return list(files)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def record(folder: Path, render_key: str, outputs: dict[str, bytes]) -> None:
    """Remember what was written, for the next run."""
    manifest = {
        "key": render_key,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in outputs.items()},
    }
    text = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
    write_atomic(folder / MANIFEST, text.encode("utf-8"))


def stale_parts(folder: Path, outputs: dict[str, bytes], views: list[str]) -> list[Path]:
    """Further parts of these views' charts (``V-2.png``...) that the last run wrote, that
    are still as it wrote them, and that this run no longer makes: the chart now needs
    fewer parts. Nothing else is ever returned."""
    try:
        manifest = json.loads(_read(folder / MANIFEST, _MAX_MANIFEST).decode("utf-8"))
        files: dict[str, str] = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []
    parts = re.compile("(?:" + "|".join(re.escape(v) for v in views) + r")-[0-9]+\.(?:png|svg|pdf)")
    out = []
    for name, digest in files.items() if views else ():
        if name in outputs or not isinstance(digest, str) or not parts.fullmatch(name):
            continue
        path = folder / name
        try:
            same = hashlib.sha256(_read(path, _MAX_OUTPUT)).hexdigest() == digest
        except OSError:
            same = False
        if same:
            out.append(path)
    return out
