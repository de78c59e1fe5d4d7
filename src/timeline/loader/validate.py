"""Model + nodes -> every problem at once, in file order.

:func:`check_bytes` is the whole pipeline (parse, build, check); the checks here are the
ones that need the whole chronology: duplicate ids, references, time-zone gaps, and the
warnings that help an editor (missing sources, contradicting weekdays, events outside eras).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline._read import FileTooLarge, read_bounded
from timeline.errors import Diagnostic, InvalidTimeline, Severity, shorten, shown
from timeline.loader import _fast
from timeline.loader import _nodes as _yamlnodes
from timeline.loader._nodes import Node
from timeline.loader._weekdays import contradictions
from timeline.loader.build import build
from timeline.model import Event, Timeline
from timeline.spec import MAX_ID

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "Report",
    "check",
    "check_bytes",
    "check_read",
    "check_tree",
    "check_values",
    "load",
    "load_bytes",
]


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


def check_bytes(
    data: bytes, file: str = "timeline.yaml", *, tap: _fast.Tap | None = None
) -> Report:
    """Parse, build and check a chronology given as bytes. ``tap`` sees libyaml's events
    as they are read (:data:`timeline.loader._fast.Tap`)."""
    return _check_bytes(data, file, whole=False, tap=tap)[0]


def check_read(
    data: bytes, file: str = "timeline.yaml", *, tap: _fast.Tap | None = None
) -> tuple[Report, Node | None]:
    """:func:`check_bytes`, and the whole file as the validator read it (the node tree
    :func:`timeline.loader._fast.parse` gives), for a caller that compares values."""
    report, root, _ = _check_bytes(data, file, whole=True, tap=tap)
    return report, root


def check_values(
    data: bytes, file: str = "timeline.yaml", *, tap: _fast.Tap | None = None
) -> tuple[Report, Node | None, list[_fast.Fields] | None]:
    """:func:`check_read` at the cost of :func:`check_bytes`: the node tree, except that
    when the events list was read the fast way its node is empty and each event's nodes
    come apart, by key (the third item; else None and the tree holds them)."""
    fields: list[_fast.Fields] = []
    report, root, fast = _check_bytes(data, file, whole=False, tap=tap, fields=fields)
    return report, root, fields if fast else None


def _check_bytes(
    data: bytes,
    file: str,
    *,
    whole: bool,
    tap: _fast.Tap | None = None,
    fields: list[_fast.Fields] | None = None,
) -> tuple[Report, Node | None, bool]:
    """The report and the node tree; True when the events were read the fast way."""
    with _yamlnodes.paused_gc(freeze=True):
        # Most files have nothing to report: read those the fast way, the rest in full.
        common = _fast.read(data, file, whole=whole, tap=tap, fields=fields)
        root: Node | None
        found: list[Diagnostic] = []
        if common is not None:
            root, drafts = common
        else:
            (root, found), drafts = _yamlnodes.parse(data, file), None
        return _finish(root, found, file, drafts), root, drafts is not None


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
    """Read and check the chronology at ``path``. A missing file raises OSError; a file
    over the size limit is reported without being read."""
    from pathlib import Path  # here: ``timeline validate`` starts without it

    path = Path(path)
    try:
        data = read_bounded(path, _yamlnodes.MAX_BYTES)
    except FileTooLarge as exc:
        return Report(str(path), None, (_yamlnodes.too_large(str(path), exc.size, exc.limit),))
    return check_bytes(data, str(path))


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
        self.suggest = _Suggester()

    def run(self) -> list[Diagnostic]:
        ids = self._ids()
        eras = _merged([self.t.bounds(era.when) for era in self.t.eras])
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
                w["group"],
                f"unknown group '{shown(e.group)}'",
                self.suggest(e.group, self.t.groups, "groups"),
            )
        for i, sid in enumerate(e.sources):
            if sid not in self.t.sources:
                self._add(
                    w[f"sources[{i}]"],
                    f"unknown source '{shown(sid)}'",
                    self.suggest(sid, self.t.sources, "sources"),
                )
        for i, rid in enumerate(e.related):
            if rid == e.id:
                self._add(w[f"related[{i}]"], "an event cannot be related to itself")
            elif rid not in ids:
                self._add(
                    w[f"related[{i}]"],
                    f"unknown event '{shown(rid)}'",
                    self.suggest(rid, ids, "events"),
                )
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
                        f"view '{view.name}' names unknown group '{shown(g)}'",
                        self.suggest(g, self.t.groups, "groups"),
                    )
            for tag in view.tags:
                if tag not in tags:
                    self._add(
                        self._view_where(view.name),
                        f"view '{view.name}' selects tag '{shown(tag)}', which no event has",
                        self.suggest(tag, tags, "tags"),
                        warn=True,
                    )

    def _view_where(self, name: str) -> tuple[int, int]:
        return self.t.view_where.get(name, (1, 1))

    def _inside_eras(self, e: Event, eras: list[tuple[int, int]], span: tuple[int, int]) -> None:
        if not eras:
            return
        start, end = span
        # The last merged span starting before the event ends is the only one it can meet.
        at = bisect.bisect_left(eras, (end, end)) - 1
        if at < 0 or eras[at][1] <= start:
            self._add(
                e.where["date"],
                f"event '{shorten(e.title)}' falls outside every era",
                "extend an era or add one",
                warn=True,
            )


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted and joined where they overlap or touch: an event meets some era exactly
    when it meets one of these, found by bisection instead of trying every era."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


class _Suggester:
    """ "Did you mean" hints within a fixed budget of comparisons.

    Comparing each unknown name with every known one costs (unknown x known) string
    comparisons: 2,000 mistyped references among 2,000 ids took a minute (each comparison
    of similar names costs tens of microseconds). Hints are worth
    that only for a few typos, so after :data:`BUDGET` comparisons the hint lists the known
    names instead. The budget counts comparisons, not time, so the output never depends on
    the machine.
    """

    #: Comparisons allowed for one file (a tenth of a second to a second, by the names).
    BUDGET = 20_000

    def __init__(self) -> None:
        self.left = self.BUDGET
        self._sorted: dict[int, list[str]] = {}
        self._known: dict[tuple[int, str], str] = {}

    def __call__(self, name: str, known: Iterable[str], what: str) -> str:
        options = self._options(known)
        key = (id(known), name)
        hint = self._known.get(key)
        if hint is None:
            hint = self._hint(name, options, what)
            self._known[key] = hint
        return hint

    def _options(self, known: Iterable[str]) -> list[str]:
        options = self._sorted.get(id(known))
        if options is None:
            options = sorted(known)
            self._sorted[id(known)] = options
        return options

    def _hint(self, name: str, options: list[str], what: str) -> str:
        if len(options) <= self.left and len(name) <= 2 * MAX_ID:
            import difflib

            self.left -= len(options)
            close = difflib.get_close_matches(name, options, n=1)
            if close:
                return f"did you mean '{shown(close[0])}'?"
        if not options:
            return f"the file defines no {what}"
        listed = ", ".join(shown(o, 30) for o in options[:6]) + (
            ", ..." if len(options) > 6 else ""
        )
        return f"known {what}: {listed}"
