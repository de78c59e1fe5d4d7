"""Model + nodes -> every problem at once, in file order.

:func:`check_bytes` is the whole pipeline (parse, build, check); the checks here are the
ones that need the whole chronology: duplicate ids, references, time-zone gaps, and the
warnings that help an editor (missing sources, contradicting weekdays, events outside eras).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from timeline.dates import Date
from timeline.errors import Diagnostic, InvalidTimeline, Severity, shorten
from timeline.loader import _fast
from timeline.loader import _nodes as _yamlnodes
from timeline.loader._nodes import Node
from timeline.loader._weekdays import contradictions
from timeline.loader.build import build
from timeline.model import Event, Timeline

__all__ = ["Report", "check", "check_bytes", "check_tree", "load", "load_bytes"]


@dataclass(frozen=True, slots=True)
class Report:
    """The result of reading a file: the chronology (None when it could not be built) and
    every diagnostic, errors and warnings, in file order."""

    file: str
    timeline: Timeline | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when the chronology was built and has no errors (warnings allowed)."""
        return self.timeline is not None and not self.errors

    @property
    def clean(self) -> bool:
        """True when the chronology was built with no errors and no warnings: what
        ``timeline validate --strict`` requires."""
        return self.timeline is not None and not self.diagnostics

    def passes(self, *, strict: bool) -> bool:
        """:attr:`clean` when ``strict``, else :attr:`ok`."""
        return self.clean if strict else self.ok


def check_bytes(data: bytes, file: str = "timeline.yaml") -> Report:
    """Parse, build and check a chronology given as bytes."""
    with _yamlnodes.paused_gc(freeze=True):
        # Most files have nothing to report: read those the fast way, the rest in full.
        common = _fast.read(data, file)
        root: Node | None
        found: list[Diagnostic] = []
        if common is not None:
            root, drafts = common
        else:
            (root, found), drafts = _yamlnodes.parse(data, file), None
        return _finish(root, found, file, drafts)


def check_tree(root: Node | None, found: list[Diagnostic], file: str) -> Report:
    """Build and check a file already read into nodes (:func:`timeline.loader._fast.parse`);
    ``found`` holds what reading it reported."""
    with _yamlnodes.paused_gc(freeze=True):
        return _finish(root, list(found), file, None)


def _finish(
    root: Node | None, found: list[Diagnostic], file: str, drafts: _fast.Drafts | None
) -> Report:
    timeline = None
    if root is not None:
        timeline, more = build(root, file, drafts=drafts)
        found += more
        if timeline is not None:
            found += _Checker(timeline).run()
    found.sort(key=lambda d: (d.line, d.col))
    return Report(file, timeline, tuple(found))


def check(path: str | Path) -> Report:
    """Read and check the chronology at ``path``. A missing file raises OSError."""
    path = Path(path)
    return check_bytes(path.read_bytes(), str(path))


def load(path: str | Path, *, strict: bool = False) -> Timeline:
    """The chronology at ``path``; raises :class:`InvalidTimeline` carrying every diagnostic
    when it has errors (or warnings, with ``strict``)."""
    return _valid(check(path), strict)


def load_bytes(data: bytes, file: str = "timeline.yaml", *, strict: bool = False) -> Timeline:
    """Like :func:`load`, for a chronology already in memory."""
    return _valid(check_bytes(data, file), strict)


def _valid(report: Report, strict: bool) -> Timeline:
    if not report.passes(strict=strict) or report.timeline is None:
        raise InvalidTimeline(report.diagnostics)
    return report.timeline


class _Checker:
    def __init__(self, timeline: Timeline) -> None:
        self.t = timeline
        self.found: list[Diagnostic] = []

    def run(self) -> list[Diagnostic]:
        ids = self._ids()
        eras = [self.t.bounds(era.when) for era in self.t.eras]
        # An event's span is needed for the as-of and era checks: computed once for both.
        spans = bool(eras) or self.t.as_of_given
        for event in self.t.events:
            span = self.t.bounds(event.when) if spans else (0, 0)
            self._event(event, ids, span)
            self._inside_eras(event, eras, span)
        self._views()
        return self.found

    def _add(
        self, where: tuple[int, int], message: str, hint: str | None = None, *, warn: bool = False
    ) -> None:
        severity: Severity = "warning" if warn else "error"
        self.found.append(Diagnostic(self.t.path, where[0], where[1], severity, message, hint))

    def _ids(self) -> set[str]:
        first: dict[str, Event] = {}
        for e in self.t.events:
            if e.id_derived:
                continue
            if e.id in first:
                line = first[e.id].where["id"][0]
                self._add(
                    e.where["id"],
                    f"duplicate event id '{e.id}' (first used at line {line})",
                    "ids must be unique",
                )
            else:
                first[e.id] = e
        return {e.id for e in self.t.events} | set(self.t.broken_ids)

    def _event(self, e: Event, ids: set[str], span: tuple[int, int]) -> None:
        w = e.where
        if e.group is not None and e.group not in self.t.groups:
            self._add(
                w["group"], f"unknown group '{e.group}'", _suggest(e.group, self.t.groups, "groups")
            )
        for i, sid in enumerate(e.sources):
            if sid not in self.t.sources:
                self._add(
                    w[f"sources[{i}]"],
                    f"unknown source '{sid}'",
                    _suggest(sid, self.t.sources, "sources"),
                )
        for i, rid in enumerate(e.related):
            if rid == e.id:
                self._add(w[f"related[{i}]"], "an event cannot be related to itself")
            elif rid not in ids:
                self._add(
                    w[f"related[{i}]"], f"unknown event '{rid}'", _suggest(rid, ids, "events")
                )
        self._gap(e.when.start, w["date"])
        if e.when.end is not None:
            self._gap(e.when.end, w.get("end", w["date"]))
        if not e.sources:
            self._add(
                w["event"],
                f"event '{shorten(e.title)}' cites no source",
                "add 'sources: [id]' naming an entry of 'sources'",
                warn=True,
            )
        self._weekday(e)
        if self.t.as_of_given and span[0] >= self.t.as_of_instant:
            self._add(
                w["date"],
                f"event starts after the chronology's as_of date ({self.t.as_of.text})",
                "move as_of forward",
                warn=True,
            )

    def _gap(self, d: Date, where: tuple[int, int]) -> None:
        if d.in_gap(self.t.tz):
            self._add(
                where,
                f"{d.text} does not exist in {self.t.timezone}: the clocks skipped that hour",
                "write the time with its UTC offset, e.g. +03:00",
            )

    def _weekday(self, e: Event) -> None:
        for name in ("title", "summary"):
            text = e.title if name == "title" else e.summary
            for c in contradictions(text or "", e.when, title=name == "title"):
                if c.dated:
                    message = f"{name} says {c.said}, but {c.actual}"
                    hint = "check the date and the weekday"
                else:
                    message = f"{name} says {c.said} but {e.when.text} was a {c.actual}"
                    hint = "check the date, or say which day it was another way"
                self._add(e.where[name], message, hint, warn=True)

    def _views(self) -> None:
        tags = {tag for e in self.t.events for tag in e.tags}
        for view in self.t.views.values():
            for g in view.groups:
                if g not in self.t.groups:
                    self._add(
                        self._view_where(view.name),
                        f"view '{view.name}' names unknown group '{g}'",
                        _suggest(g, self.t.groups, "groups"),
                    )
            for tag in view.tags:
                if tag not in tags:
                    self._add(
                        self._view_where(view.name),
                        f"view '{view.name}' selects tag '{tag}', which no event has",
                        _suggest(tag, tags, "tags"),
                        warn=True,
                    )

    def _view_where(self, name: str) -> tuple[int, int]:
        return self.t.view_where.get(name, (1, 1))

    def _inside_eras(self, e: Event, eras: list[tuple[int, int]], span: tuple[int, int]) -> None:
        if not eras:
            return
        start, end = span
        if not any(start < hi and end > lo for lo, hi in eras):
            self._add(
                e.where["date"],
                f"event '{shorten(e.title)}' falls outside every era",
                "extend an era or add one",
                warn=True,
            )


def _suggest(name: str, known: Iterable[str], what: str) -> str:
    options = sorted(known)
    import difflib

    close = difflib.get_close_matches(name, options, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    if not options:
        return f"the file defines no {what}"
    shown = ", ".join(options[:6]) + (", ..." if len(options) > 6 else "")
    return f"known {what}: {shown}"
