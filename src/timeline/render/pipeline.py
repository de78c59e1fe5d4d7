"""The render pipeline: read, skip when fresh, validate, render every view, check, write.

``timeline render``, ``timeline watch`` and library callers all go through
:class:`Pipeline`, so they agree on what is rendered, when a run can be skipped (the cache
in ``OUT/.timeline-render.json``) and how files are written (each atomically, and only
after every output of every view was made in memory)::

    from timeline.render import Pipeline, RenderOptions
    result = Pipeline(Path("timeline.yaml"), Path("out")).run()
    print(result.written)

Each step is also a method of its own, so a command can report between them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from timeline._atomic import check_target
from timeline._read import read_bounded
from timeline.errors import Diagnostic, InvalidTimeline, TimelineError
from timeline.loader.validate import Report, check_bytes
from timeline.model import Timeline
from timeline.render import _cache
from timeline.render.outputs import (
    RenderOptions,
    changed_files,
    render,
    translated,
    write_outputs,
)
from timeline.render.text._changes import notes_key
from timeline.spec import MAX_BYTES

__all__ = ["Pipeline", "RenderResult", "UnknownView"]


class UnknownView(TimelineError):
    """A view was asked for that the chronology does not define."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        super().__init__(f"no view named '{name}'")
        self.name = name
        self.known = tuple(known)


@dataclass(frozen=True, slots=True)
class RenderResult:
    """What one run did. ``fresh`` is True when nothing had to be rendered."""

    report: Report | None
    outputs: dict[str, bytes] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    fresh: bool = False
    #: With ``check=True``: the outputs whose files would change.
    stale: list[str] = field(default_factory=list)
    #: The texts with no translation into the render's language.
    untranslated: list[Diagnostic] = field(default_factory=list)
    #: Chart parts the last run wrote that this one no longer makes, removed.
    removed: list[Path] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Pipeline:
    """Renders one chronology file into one folder."""

    file: Path
    out: Path
    #: The views to render; empty: every view.
    views: tuple[str, ...] = ()
    options: RenderOptions = field(default_factory=RenderOptions)
    #: How many charts are drawn at once, each in a forked process (see
    #: :func:`~timeline.render.outputs.render`); the outputs are the same whatever it is.
    workers: int = 1

    def read(self) -> bytes:
        """The file's bytes: OSError when it cannot be read, :class:`FileTooLarge` (found
        before reading, or as soon as a device or pipe gives too much) when it is over the
        size limit."""
        return read_bounded(self.file, MAX_BYTES)

    def cache_key(self, data: bytes) -> str:
        """A hash of everything that decides the outputs of ``data``."""
        changes = notes_key(self.options.changes)
        return _cache.key(data, self.options, list(self.views) or None, changes)

    def fresh_files(self, data: bytes) -> list[str] | None:
        """The files already in ``out`` when they are exactly what ``data`` renders to."""
        return _cache.is_fresh(self.out, self.cache_key(data))

    def check(self, data: bytes) -> Report:
        """The validator's report on ``data``."""
        return check_bytes(data, str(self.file))

    def untranslated(self, timeline: Timeline) -> list[Diagnostic]:
        """Warnings for the texts that stay in the file's language when rendering in
        another (``options.locale``): one per text, ``file:line:col``."""
        return translated(timeline, self.options).warnings()

    def require_views(self, timeline: Timeline) -> None:
        """Raise :class:`UnknownView` for the first asked view the file does not define."""
        for name in self.views:
            if name not in timeline.view_names():
                raise UnknownView(name, timeline.view_names())

    def outputs(
        self,
        timeline: Timeline,
        *,
        progress: Callable[[str], None] | None = None,
        notice: Callable[[str], None] | None = None,
    ) -> dict[str, bytes]:
        """Every output of every asked view, in memory. Raises :class:`InvalidTimeline`
        for problems only drawing finds (a character no installed font has). ``notice``
        hears when ``auto`` drew a view down the page."""
        self.require_views(timeline)
        return render(
            timeline,
            self.views or None,
            self.options,
            progress=progress,
            notice=notice,
            workers=self.workers,
        )

    def stale(self, outputs: dict[str, bytes]) -> list[str]:
        """The names among ``outputs`` whose file in ``out`` is missing or differs."""
        return changed_files(outputs, self.out)

    def leftover(self, outputs: dict[str, bytes]) -> list[Path]:
        """Further parts of these views' charts (``V-2.png``...) that the last run wrote,
        still as it wrote them, that ``outputs`` no longer has: :meth:`write` removes them."""
        views = list(self.views) or sorted({_view_of(name) for name in outputs})
        return _cache.stale_parts(self.out, outputs, views)

    def write(
        self, outputs: dict[str, bytes], data: bytes, *, only_changed: bool = False
    ) -> list[Path]:
        """Write the outputs (or only those that changed), remove the chart parts they no
        longer have (:meth:`leftover`) and record them for the cache."""
        chosen = {n: outputs[n] for n in self.stale(outputs)} if only_changed else outputs
        gone = self.leftover(outputs)
        check_target(self.out / _cache.MANIFEST)  # with every output, before any is written
        written = write_outputs(chosen, self.out)
        for path in gone:
            path.unlink(missing_ok=True)
        _cache.record(self.out, self.cache_key(data), outputs)
        return written

    def run(
        self,
        *,
        force: bool = False,
        check: bool = False,
        progress: Callable[[str], None] | None = None,
        notice: Callable[[str], None] | None = None,
    ) -> RenderResult:
        """Every step: skip when fresh (unless ``force``), validate (raising
        :class:`InvalidTimeline` with every diagnostic), render, then write, or with
        ``check`` only compare with the files in ``out``."""
        data = self.read()
        if not force and not check:
            fresh = self.fresh_files(data)
            if fresh is not None:
                return RenderResult(None, fresh=True)
        report = self.check(data)
        if not report.ok or report.timeline is None:
            raise InvalidTimeline(report.diagnostics)
        untranslated = self.untranslated(report.timeline)
        outputs = self.outputs(report.timeline, progress=progress, notice=notice)
        if check:
            return RenderResult(
                report, outputs, stale=self.stale(outputs), untranslated=untranslated
            )
        gone = self.leftover(outputs)
        written = self.write(outputs, data)
        return RenderResult(report, outputs, written, untranslated=untranslated, removed=gone)


def _view_of(name: str) -> str:
    """The view an output file belongs to (``overview.md``, ``overview-2.png``)."""
    stem = name.rsplit(".", 1)[0]
    head, _, tail = stem.rpartition("-")
    return head if head and tail.isdigit() else stem
