"""Skipping a render when nothing changed: same input bytes, options and tool version.

``timeline render`` records what it wrote in ``OUT/.timeline-render.json``: a key (a hash of
the input, the options and the versions that shape the output) and the SHA-256 of each file.
When the key matches and every file is still there unchanged, the work is skipped. The
record holds no times, so it is itself deterministic.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from timeline._atomic import write_atomic

__all__ = ["MANIFEST", "is_fresh", "key", "record", "stale_parts"]

MANIFEST = ".timeline-render.json"


def _version(package: str) -> str:
    # Imported here: importlib.metadata costs 15-30 ms, and only a render needs it.
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def key(data: bytes, options: object, views: list[str] | None) -> str:
    """A hash of everything that decides the outputs."""
    from timeline._version import __version__

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
    h.update(_code_digest())
    return h.hexdigest()


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


def stale_parts(folder: Path, outputs: dict[str, bytes], views: list[str]) -> list[Path]:
    """Further parts of these views' charts (``V-2.png``...) that the last run wrote, that
    are still as it wrote them, and that this run no longer makes: the chart now needs
    fewer parts. Nothing else is ever returned."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files: dict[str, str] = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    parts = re.compile("(?:" + "|".join(re.escape(v) for v in views) + r")-[0-9]+\.(?:png|svg|pdf)")
    out = []
    for name, digest in files.items() if views else ():
        if name in outputs or not isinstance(digest, str) or not parts.fullmatch(name):
            continue
        path = folder / name
        try:
            same = not path.is_symlink() and hashlib.sha256(path.read_bytes()).hexdigest() == digest
        except OSError:
            same = False
        if same:
            out.append(path)
    return out
