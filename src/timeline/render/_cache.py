"""Skipping a render when nothing changed: same input bytes, options and tool version.

``timeline render`` records what it wrote in ``OUT/.timeline-render.json``: a key (a hash of
the input, the options and the versions that shape the output) and the SHA-256 of each file.
When the key matches and every file is still there unchanged, the work is skipped. The
record holds no times, so it is itself deterministic.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from .._atomic import write_atomic

__all__ = ["MANIFEST", "is_fresh", "key", "record"]

MANIFEST = ".timeline-render.json"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def key(data: bytes, options: object, views: list[str] | None) -> str:
    """A hash of everything that decides the outputs."""
    from .. import __version__

    h = hashlib.sha256()
    h.update(data)
    for part in (
        repr(options),
        repr(views),
        __version__,
        _version("matplotlib"),
        _version("babel"),
    ):
        h.update(b"\0" + part.encode("utf-8"))
    return h.hexdigest()


def is_fresh(folder: Path, expected_key: str) -> list[str] | None:
    """The recorded file names when ``folder`` holds exactly what ``expected_key`` renders."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("key") != expected_key:
            return None
        files: dict[str, str] = manifest["files"]
        for name, digest in files.items():
            path = folder / name
            if path.is_symlink() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
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
