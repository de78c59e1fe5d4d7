"""timeline: keep a chronology in one YAML file; validate it, sort it, render it.

The command-line tool is a thin layer over these functions::

    import timeline
    t = timeline.load("timeline.yaml")          # raises InvalidTimeline with every problem
    for event in timeline.select(t, t.view("overview")):
        print(event.date.text, event.title)
    changes = timeline.diff(timeline.load("old.yaml"), t)   # what changed, classified
"""

from timeline._version import __version__
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
