"""The chronology formatter: one canonical layout, and a proof that nothing was lost.

:func:`format_text` works on text only: it sorts the events into the documented order, puts
keys in a fixed order, indents and quotes consistently, and keeps every comment with the
entry it was written above or beside. Before returning a text that differs from its input
it proves three things (see :mod:`timeline.fmt._proof`): the result loads to the same
chronology, every comment is still with its entry, and formatting the result again changes
nothing. If any check fails it raises :class:`UnsafeFormat` and the caller must write
nothing. A text that is already formatted comes back as it is, unproven: the proof would
only compare it with itself, so checking an already formatted file costs one reading.

:func:`format_file` adds the file handling: it refuses an invalid file, writes atomically,
keeps the file's permissions and refuses to overwrite a file that changed meanwhile.
"""

from __future__ import annotations

import difflib
import gc
from dataclasses import dataclass
from pathlib import Path

from timeline import _process
from timeline._atomic import write_atomic
from timeline._read import read_bounded
from timeline.errors import Diagnostic, TimelineError
from timeline.fmt import _emit as _fmt_emit
from timeline.fmt import _proof as _fmt_proof
from timeline.fmt._aside import Aside
from timeline.fmt._read import read, read_tokens
from timeline.fmt._tree import Document, UnsupportedYAML
from timeline.loader._fast import Fields
from timeline.loader._nodes import Node
from timeline.loader.validate import Report, check_bytes, check_values
from timeline.model import Event, Timeline
from timeline.query import sort_key
from timeline.spec import MAX_BYTES, event_id_base

__all__ = [
    "FileChanged",
    "FileResult",
    "FormatError",
    "FormatMode",
    "InvalidInput",
    "UnsafeFormat",
    "format_checked",
    "format_file",
    "format_loaded",
    "format_text",
]


@dataclass(frozen=True, slots=True)
class FormatMode:
    """How to format. ``sort_events=False`` keeps the events in the order written."""

    sort_events: bool = True


class FormatError(TimelineError):
    """The text cannot be formatted. ``diagnostics`` say where, as the validator does."""

    def __init__(self, message: str, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


class InvalidInput(FormatError):
    """The chronology does not validate; it is never formatted."""


class UnsafeFormat(FormatError):
    """A safety check failed: the formatted text would not mean the same as the original.

    ``check`` is ``"a"`` (same chronology), ``"b"`` (same comments) or ``"c"`` (stable).
    This is a bug in the formatter; nothing may be written.
    """

    def __init__(self, check: str, detail: str) -> None:
        super().__init__(f"safety check ({check}) failed: {detail}")
        self.check = check
        self.detail = detail


class FileChanged(FormatError):
    """The file changed on disk while it was being formatted; it was left alone."""


def format_text(text: str, *, mode: FormatMode = FormatMode(), file: str = "timeline.yaml") -> str:
    """The canonical form of a chronology's text, proven safe.

    A leading byte-order mark and the line-break style (``\\r\\n`` or ``\\n``, from the first
    line break) are kept. Raises :class:`InvalidInput` (with the validator's diagnostics)
    when the text does not validate, :class:`FormatError` when it uses YAML the formatter
    does not rewrite, and :class:`UnsafeFormat` when a safety check fails.
    """
    return _format_text(text, mode, file, None, None, keep=False)[0]


def format_checked(
    text: str, report: Report, *, mode: FormatMode = FormatMode(), file: str = "timeline.yaml"
) -> str:
    """:func:`format_text` for a text whose validator ``report`` the caller already has
    (``check_bytes`` of the same text): it is not checked a second time."""
    return _format_text(text, mode, file, report, None, keep=False)[0]


def format_loaded(
    text: str,
    report: Report,
    root: Node | None,
    *,
    mode: FormatMode = FormatMode(),
    file: str = "timeline.yaml",
) -> tuple[str, Timeline]:
    """:func:`format_checked` for a text the caller read with the validator's reader
    (``root``, from :func:`timeline.loader._fast.parse`, and ``report``, from
    :func:`~timeline.loader.validate.check_tree` on it): it is neither checked nor read
    with that reader again. Returns the canonical text and the chronology it loads as
    (proven equal to ``report``'s, with the positions of the canonical text), so the
    caller need not load the result again."""
    result, loaded = _format_text(text, mode, file, report, root, keep=True)
    assert loaded is not None  # kept
    return result, loaded


#: Above this many characters (about 20,000 events), when the layout tree must be read from
#: tokens after validating (a comment below the first key), the chronology is let go first:
#: that tree holds every event, and the two would not fit in memory together on a large
#: file. The proof then reads the original again, which it otherwise need not. (Read from
#: libyaml's events while validating, the tree is small: each event is written as read.)
_RELEASE_ABOVE = 8 * 1024 * 1024


def _format_text(
    text: str,
    mode: FormatMode,
    file: str,
    report: Report | None,
    root: Node | None,
    *,
    keep: bool,
    data: bytes | None = None,
) -> tuple[str, Timeline | None]:
    """:func:`format_text`, given the validator's report on ``text`` (and its nodes) when
    the caller has them; with ``keep``, also the chronology the result loads as. ``data``
    is the file's bytes, when the caller read them (checked instead of the text)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    newline = "\r\n" if _first_break(body) == "\r\n" else "\n"
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    # Reading and proving build millions of small objects; the cycle collector would make
    # that several times slower on a large file, and nothing here needs it meanwhile.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        result, loaded = _format_body(body, mode, file, report, root, keep=keep, data=data)
    finally:
        if was_enabled:
            gc.enable()
    return bom + result.replace("\n", newline), loaded


def _format_body(
    body: str,
    mode: FormatMode,
    file: str,
    report: Report | None,
    root: Node | None,
    *,
    keep: bool,
    data: bytes | None,
) -> tuple[str, Timeline | None]:
    """:func:`_format_text` of a text without its byte-order mark, its line breaks ``\\n``."""
    owned = report is None
    # The tree read while validating, if it was, in a list the callee empties: held by
    # nobody else once taken (the proof reads the result's tree after freeing it).
    tree: list[Document] = []
    tokens = False
    fields: list[Fields] | None = None
    if report is None:
        checked = body.encode("utf-8") if data is None else data
        # The validator parses the bytes as they are, the formatter the text with its
        # line breaks made "\n" (and without a byte-order mark, as the validator): the
        # same text unless the file has a carriage return.
        share = (data is None or b"\r" not in data) and _no_comment_below_top(body)
        if share or len(body) <= _RELEASE_ABOVE:
            report, root, fields, doc, tokens = _check_reading(body, checked, file, share)
            if doc is not None:
                tree.append(doc)
                del doc
        else:
            report = check_bytes(checked, file)
    if not report.ok or report.timeline is None:
        raise InvalidInput(f"{file} does not validate", report.diagnostics)
    stray_bom = body.find("\ufeff")
    if stray_bom != -1:
        line = body.count("\n", 0, stray_bom) + 1
        col = stray_bom - (body.rfind("\n", 0, stray_bom) + 1) + 1
        raise _unsupported(UnsupportedYAML("a byte-order mark inside the file", line, col), file)
    timeline: Timeline | None = report.timeline
    assert timeline is not None  # checked above
    order = _event_order(timeline, mode)
    swap = _id_swap(timeline, order)
    ids = [e.id for e in timeline.events]
    if owned and not keep and not tree and len(body) > _RELEASE_ABOVE:
        # The layout tree is still to be read, from tokens (a tree with every event in it):
        # nothing else holds the chronology, nor its nodes: they are freed here.
        del report
        timeline = None
        root = fields = None
    else:
        _process.keep(report, root, fields)  # not freed one by one when the process ends next
    return _format_proven(
        body, timeline, ids, order, swap, mode, file, (root, fields), tree, tokens, keep=keep
    )


def _format_proven(
    body: str,
    timeline: Timeline | None,
    ids: list[str],
    order: list[int],
    swap: FormatError | None,
    mode: FormatMode,
    file: str,
    kept: tuple[Node | None, list[Fields] | None],
    tree: list[Document],
    tokens: bool,
    *,
    keep: bool,
) -> tuple[str, Timeline | None]:
    """The formatted ``body`` and, with ``keep``, the chronology it loads as (else None).

    ``timeline`` is what ``body`` loads as (None when it was let go: the proof reads it
    again), ``ids`` its events' ids and ``order`` their order in the result; ``swap`` the
    refusal of that order (:func:`_id_swap`), raised once the text is known to be one fmt
    rewrites. ``kept`` is ``body`` as the validator read it, when kept (its nodes, and its
    events apart: :func:`~timeline.loader.validate.check_values`). ``tree`` holds
    ``body``'s layout tree, when it was read while validating
    (else it is read here, by the token reader when ``tokens``)."""
    doc = tree.pop() if tree else _read_tree(body, file, tokens=tokens)
    if swap is not None:
        raise swap
    result = _emit_text(doc, order, file)
    if result == body:
        # Already formatted: the proof would compare the text with itself, so it holds
        # (same chronology, same comments, and formatting it again gives it again).
        _process.keep(doc)
        return result, timeline if keep else None
    owners = _fmt_proof.comment_owners(doc, ids)
    del doc  # the tree of a large file is big; the proof reads the result into another
    expected = [ids[i] for i in order]
    failure = _fmt_proof.prove(
        body,
        timeline,
        owners,
        result,
        expected,
        lambda t: _event_order(t, mode),
        lambda d, again_order: _emit_text(d, again_order, file),
        kept[0],
        keep,
        file,
        True,  # share the reading of the result (its events are written as read)
        kept[1],
    )
    if isinstance(failure, tuple):
        raise UnsafeFormat(*failure)
    return result, failure


def _check_reading(
    body: str, data: bytes, file: str, share: bool
) -> tuple[Report, Node | None, list[Fields] | None, Document | None, bool]:
    """Validate ``data`` (``body``'s bytes), keeping what the validator read for the proof
    (:func:`~timeline.loader.validate.check_values`: its nodes, and its events apart), and
    read ``body``'s layout tree beside it when ``share`` (the validator parses exactly
    ``body``; :class:`~timeline.fmt._aside.Aside`): the tree when it was read so (as
    :func:`timeline.fmt._read.read` reads it), and True when the token reader must read it
    instead (left until the text is known to validate)."""
    if not share:
        return *check_values(data, file), None, False
    aside = Aside(body)
    try:
        report, root, fields = check_values(data, file, tap=aside.tap)
    except BaseException:
        aside.close()
        raise
    if not report.ok:
        aside.close()  # nothing is formatted: the tree is not wanted
        return report, root, fields, None, False
    return report, root, fields, *aside.result()


def _no_comment_below_top(body: str) -> bool:
    """False when a ``#`` follows the first line that is not blank, a comment or a
    ``---``/``%`` line: the layout tree is then read from tokens (the events reader
    leaves it to them), and listening to the validator's events would only cost time."""
    at = 0
    while at < len(body):
        end = body.find("\n", at)
        end = len(body) if end == -1 else end
        line = body[at:end].lstrip(" \t")
        if line and not line.startswith(("#", "---", "%")):
            return body.find("#", at) == -1
        at = end + 1
    return True


def _first_break(text: str) -> str:
    at = text.find("\n")
    cr = text.find("\r")
    if cr != -1 and (at == -1 or cr < at):
        return "\r\n" if text.startswith("\r\n", cr) else "\r"
    return "\n"


def _read_tree(body: str, file: str, *, tokens: bool = False) -> Document:
    try:
        return read_tokens(body) if tokens else read(body)
    except UnsupportedYAML as exc:
        raise _unsupported(exc, file) from None


def _unsupported(exc: UnsupportedYAML, file: str) -> FormatError:
    diagnostic = Diagnostic(
        file, exc.line, exc.col, "error", f"fmt cannot rewrite this: {exc.message}"
    )
    return FormatError(str(diagnostic), (diagnostic,))


def _event_order(timeline: Timeline, mode: FormatMode) -> list[int]:
    indices = range(len(timeline.events))
    if not mode.sort_events:
        return list(indices)
    return sorted(indices, key=lambda i: sort_key(timeline, timeline.events[i]))


def _id_swap(timeline: Timeline, order: list[int]) -> FormatError | None:
    """The refusal of a sort that would swap the ids made for events written without one.

    Events without ``id`` get one from their date and title, numbered in file order when
    several share it (``2011-x``, ``2011-x-2``); reordering them would swap those ids.
    """
    groups: dict[str, list[int]] = {}
    for i, event in enumerate(timeline.events):
        if event.id_derived:
            groups.setdefault(_id_base(event), []).append(i)
    position = {index: at for at, index in enumerate(order)}
    for indices in groups.values():
        moved = [position[i] for i in indices]
        if moved != sorted(moved):
            lines = " and ".join(str(timeline.events[i].where["event"][0]) for i in indices[:2])
            diagnostic = Diagnostic(
                timeline.path,
                timeline.events[indices[0]].where["event"][0],
                timeline.events[indices[0]].where["event"][1],
                "error",
                f"the events at lines {lines} have no id and the same date and title; "
                "sorting them would swap the ids made for them",
                "give each of them an 'id'",
            )
            return FormatError(str(diagnostic), (diagnostic,))
    return None


def _id_base(event: Event) -> str:
    """The id the loader starts from for an event without one (before numbering)."""
    return event_id_base(event.when.start.text, event.title)


def _emit_text(doc: Document, order: list[int], file: str) -> str:
    try:
        return _fmt_emit.emit(doc, order)
    except UnsupportedYAML as exc:
        raise _unsupported(exc, file) from None


@dataclass(frozen=True, slots=True)
class FileResult:
    """What :func:`format_file` did. ``diff`` is set when asked for and the file would change."""

    path: Path
    changed: bool
    written: bool
    diff: str | None = None


def format_file(
    path: Path, *, check: bool = False, diff: bool = False, mode: FormatMode = FormatMode()
) -> FileResult:
    """Format the chronology at ``path`` in place (unless ``check`` or ``diff``).

    Raises :class:`InvalidInput` when the file does not validate (nothing written),
    :class:`UnsafeFormat` when a safety check fails (nothing written), :class:`FileChanged`
    when the file changed on disk meanwhile (nothing written), and OSError when it cannot
    be read or written. A symlink is followed: the file it points to is rewritten.
    """
    data = read_bounded(path, MAX_BYTES)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{path} does not validate", check_bytes(data, str(path)).diagnostics
        ) from None
    # The bytes are checked as they are (the report is not kept here: on a large file the
    # chronology is let go before the layout tree is read).
    new_text = _format_text(text, mode, str(path), None, None, keep=False, data=data)[0]
    changed = new_text != text  # the same as comparing the bytes (UTF-8 either way)
    unified = None
    if diff and changed:
        unified = "".join(
            difflib.unified_diff(
                text.splitlines(keepends=True),
                new_text.splitlines(keepends=True),
                fromfile=f"{path} (original)",
                tofile=f"{path} (formatted)",
            )
        )
    if not changed or check or diff:
        return FileResult(path, changed, False, unified)
    target = path.resolve()
    if read_bounded(target, MAX_BYTES) != data:
        raise FileChanged(f"{path} changed on disk while it was being formatted; run fmt again")
    write_atomic(target, new_text.encode("utf-8"))
    return FileResult(path, True, True)
