"""timeline: keep a chronology in one YAML file; validate it, sort it, render it.

The command-line tool is a thin layer over these functions::

    import timeline
    t = timeline.load("timeline.yaml")          # raises InvalidTimeline with every problem
    for event in timeline.select(t, t.view("overview")):
        print(event.date.text, event.title)
"""

from .dates import Date, DateError, EndKind, Precision, When, parse_date, parse_when
from .errors import Diagnostic, InvalidTimeline, TimelineError
from .model import Certainty, Era, Event, Group, Source, Timeline, View
from .query import Filter, select, sort, sort_key
from .validate import Report, check, check_bytes, load, load_bytes

__all__ = [
    "Certainty",
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
    "check",
    "check_bytes",
    "load",
    "load_bytes",
    "parse_date",
    "parse_when",
    "select",
    "sort",
    "sort_key",
]

__version__ = "0.1.0"
