"""timeline: keep a chronology in one YAML file; validate it, sort it, render it.

The command-line tool is a thin layer over these functions::

    import timeline
    t = timeline.load("timeline.yaml")          # raises InvalidTimeline with every problem
    for event in timeline.select(t, t.view("overview")):
        print(event.date.text, event.title)
    changes = timeline.diff(timeline.load("old.yaml"), t)   # what changed, classified

The names below are imported when first used, so that ``timeline --help`` and other
commands that need little of the library start fast.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from timeline._version import __version__

if TYPE_CHECKING:
    from timeline.dates import Date, DateError, EndKind, Precision, When, parse_date, parse_when
    from timeline.diff import Changes, diff
    from timeline.errors import Diagnostic, InvalidTimeline, TimelineError
    from timeline.loader.validate import Report, check, check_bytes, load, load_bytes
    from timeline.model import Certainty, Era, Event, Group, Source, Timeline, View
    from timeline.query import Filter, select, sort, sort_key

__all__ = [
    "Certainty",
    "Changes",
    "Date",
    "DateError",
    "Diagnostic",
    "EndKind",
    "Era",
    "Event",
    "Filter",
    "Group",
    "InvalidTimeline",
    "Precision",
    "Report",
    "Source",
    "Timeline",
    "TimelineError",
    "View",
    "When",
    "__version__",
    "check",
    "check_bytes",
    "diff",
    "load",
    "load_bytes",
    "parse_date",
    "parse_when",
    "select",
    "sort",
    "sort_key",
]

#: Where each public name lives.
_HOMES = {
    **dict.fromkeys(
        ("Date", "DateError", "EndKind", "Precision", "When", "parse_date", "parse_when"),
        "timeline.dates",
    ),
    **dict.fromkeys(("Changes", "diff"), "timeline.diff"),
    **dict.fromkeys(("Diagnostic", "InvalidTimeline", "TimelineError"), "timeline.errors"),
    **dict.fromkeys(
        ("Report", "check", "check_bytes", "load", "load_bytes"), "timeline.loader.validate"
    ),
    **dict.fromkeys(
        ("Certainty", "Era", "Event", "Group", "Source", "Timeline", "View"), "timeline.model"
    ),
    **dict.fromkeys(("Filter", "select", "sort", "sort_key"), "timeline.query"),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """``timeline.diff`` is the function, as when it was imported eagerly: importing the
    ``timeline.diff`` package later must not put the package in its place."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "diff" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
