"""Hostile inputs of a given size: the shapes that once cost minutes or gigabytes.

Each shape is a function ``(size) -> (file name, bytes)`` making an input of about ``size``
bytes (never more) that stresses one thing: many events sharing an id, many groups, one
long value, many bad references, many duplicates, many eras, views, sources, errors... The
benchmark ``bench/bench_hostile.py`` runs every command on them at up to 1 MB; the test
suite runs the same shapes at a few kilobytes (``tests/test_limits.py``).

Usage: python bench/hostile.py SHAPE SIZE > FILE
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

Shape = Callable[[int], tuple[str, bytes]]


def _events(size: int, head: str, line: Callable[[int], str], tail: str = "") -> bytes:
    """A YAML chronology: ``head``, then ``events:`` lines from ``line(i)`` while the whole
    stays within ``size`` bytes, then ``tail``."""
    parts = [head, "events:\n"]
    used = len(head) + len("events:\n") + len(tail)
    i = 0
    while True:
        text = line(i)
        if used + len(text) > size:
            break
        parts.append(text)
        used += len(text)
        i += 1
    if i == 0:
        parts.append("  []\n")
    parts.append(tail)
    return "".join(parts).encode("utf-8")


def duplicate_ids(size: int) -> tuple[str, bytes]:
    """Events without ids sharing a date and title: numbered -2, -3, ..."""
    return "yaml", _events(size, "title: T\n", lambda i: "  - {date: 2011, title: a}\n")


def long_ids(size: int) -> tuple[str, bytes]:
    """Titles whose derived ids are cut to the same 60 characters, each twice."""
    stem = "word " * 13

    def line(i: int) -> str:
        return f"  - {{date: 2011, title: {stem}{i // 2:06d}}}\n"

    return "yaml", _events(size, "title: T\n", line)


def many_groups(size: int) -> tuple[str, bytes]:
    """One group per event: a lane each."""
    per = len("  g00000: {label: Group 00000}\n") + len(
        "  - {date: 2011, title: e00000, group: g00000}\n"
    )
    n = max(1, (size - 40) // per)
    groups = "".join(f"  g{i:05d}: {{label: Group {i:05d}}}\n" for i in range(n))
    events = "".join(f"  - {{date: 2011, title: e{i:05d}, group: g{i:05d}}}\n" for i in range(n))
    return "yaml", f"title: T\ngroups:\n{groups}events:\n{events}".encode()


def long_date(size: int) -> tuple[str, bytes]:
    """One date of nearly the whole file's length."""
    head = "title: T\nevents:\n  - {title: a, date: '2011-"
    tail = "'}\n"
    return "yaml", (head + "1" * max(0, size - len(head) - len(tail)) + tail).encode()


def long_values(size: int) -> tuple[str, bytes]:
    """A long key, tag, colour, locale, zone and summary."""
    n = max(1, (size - 400) // 7)
    long = "x" * n
    text = (
        f"title: T\nlocale: {long}\ntimezone: {long}\n{long}: 1\n"
        f"groups:\n  g: {{color: {long}}}\n"
        f"events:\n  - {{date: 2011, title: a, tags: [{long}], summary: {long},"
        f" related: [{long}]}}\n"
    )
    return "yaml", text.encode()[:size]


def bad_references(size: int) -> tuple[str, bytes]:
    """Events with ids citing sources and events that do not exist (each near a real one)."""
    n = max(1, size // 150)
    sources = "".join(f"  source-{i:05d}: {{title: S}}\n" for i in range(n))

    def line(i: int) -> str:
        return (
            f"  - {{id: event-{i:05d}, date: 2011, title: a, "
            f"sources: [sourc-{i:05d}], related: [evnt-{i:05d}]}}\n"
        )

    return "yaml", _events(size, "title: T\nsources:\n" + sources, line)


def duplicate_keys(size: int) -> tuple[str, bytes]:
    """One mapping holding the same key again and again, and events with one id."""
    n = max(1, size // 2 // 12)
    head = "title: T\nx-a:\n" + "  k: 1\n" * n
    return "yaml", _events(size, head, lambda i: "  - {id: same, date: 2011, title: a}\n")


def many_eras(size: int) -> tuple[str, bytes]:
    """Half eras, half events: every event is compared with the eras."""
    n = max(1, size // 2 // 60)
    eras = "".join(f"  - {{title: Era {i}, date: {1000 + i % 9000}}}\n" for i in range(n))
    return "yaml", _events(
        size, "title: T\neras:\n" + eras, lambda i: f"  - {{date: {1000 + i % 9000}, title: a}}\n"
    )


def many_views(size: int) -> tuple[str, bytes]:
    """As many views as a chronology may have (each a chart and three pages to render),
    each showing most events."""
    views = "".join(f"  v{i}: {{from: {1000 + i}}}\n" for i in range(50))
    return "yaml", _events(
        size, "title: T\nviews:\n" + views, lambda i: f"  - {{date: {2000 + i % 20}, title: a}}\n"
    )


def many_charts(size: int) -> tuple[str, bytes]:
    """As many views as a chronology may have, each showing the same few hundred events:
    as many as one render may draw (50 charts of 400 events), the rest of the file
    comments."""
    views = "".join(f"  v{i}: {{from: {1000 + i}}}\n" for i in range(50))
    head = "title: T\nviews:\n" + views
    text = _events(size, head, lambda i: f"  - {{date: {2000 + i % 20}, title: e{i}}}\n")
    lines = text.decode().splitlines(keepends=True)
    events = lines.index("events:\n") + 1
    text = "".join(lines[: events + 400]).encode()
    while len(text) < size - 3:
        text += b"#" + b"x" * min(98, size - len(text) - 2) + b"\n"
    return "yaml", text


def many_sources(size: int) -> tuple[str, bytes]:
    """Every event cites its own source."""
    n = max(1, size // 2 // 60)
    sources = "".join(f"  s{i}: {{title: S {i}, publisher: P {i}}}\n" for i in range(n))
    return "yaml", _events(
        size,
        "title: T\nsources:\n" + sources,
        lambda i: f"  - {{date: 2011, title: a, sources: [s{i % n}]}}\n",
    )


def many_errors(size: int) -> tuple[str, bytes]:
    """An error on every line (and a warning)."""
    return "yaml", _events(size, "title: T\n", lambda i: "  - {date: 2011-02-30, title: a}\n")


def many_tags(size: int) -> tuple[str, bytes]:
    """One event with a tag list as long as the file."""
    n = max(1, (size - 60) // 8)
    tags = ", ".join(f"t{i:05d}" for i in range(n))
    text = f"title: T\nevents:\n  - {{date: 2011, title: a, tags: [{tags}]}}\n"
    return "yaml", text.encode()[:size].rsplit(b",", 1)[0] + b"]}\n"


def brackets(size: int) -> tuple[str, bytes]:
    """A summary of '[' characters (a link pattern once scanned it once per '[')."""
    head = "title: T\nevents:\n  - date: 2011\n    title: a\n    summary: '"
    return "yaml", (head + "[" * max(0, size - len(head) - 2) + "'\n").encode()


def csv_duplicates(size: int) -> tuple[str, bytes]:
    """CSV rows without ids sharing a date and title."""
    return "csv", (b"date,title\n" + b"2011,a\n" * max(0, (size - 11) // 7))


def csv_groups(size: int) -> tuple[str, bytes]:
    """CSV rows each in a group, citing a source, of their own."""
    rows = []
    used = 26
    i = 0
    while True:
        row = f"2011,a,G {i},S {i}\n"
        if used + len(row) > size:
            break
        rows.append(row)
        used += len(row)
        i += 1
    return "csv", ("date,title,group,sources\n" + "".join(rows)).encode()


def timelinejs_long_time(size: int) -> tuple[str, bytes]:
    """A TimelineJS spreadsheet whose Time cell is spaces (a time pattern once scanned it
    quadratically)."""
    head = "Year,Time,Headline\n2011,a"
    return "timelinejs", (head + " " * max(0, size - len(head) - 4) + "x,h\n").encode()


def json_events(size: int) -> tuple[str, bytes]:
    """Our JSON export with many small events sharing a tag."""
    n = max(0, (size - 100) // 60)
    events = [{"id": f"e{i}", "when": "2011", "title": "a", "tags": ["t"]} for i in range(n)]
    doc = {"format": "timeline-json", "version": 1, "title": "T", "events": events}
    return "json", json.dumps(doc, separators=(",", ":")).encode()[:size]


def timelinejs_slides(size: int) -> tuple[str, bytes]:
    """A TimelineJS file of many slides sharing a headline and group."""
    slide = {"start_date": {"year": "2011"}, "text": {"headline": "a"}, "group": "g"}
    n = max(0, (size - 20) // (len(json.dumps(slide)) + 1))
    return "timelinejs", json.dumps({"events": [slide] * n}).encode()


SHAPES: dict[str, Shape] = {
    "duplicate-ids": duplicate_ids,
    "long-ids": long_ids,
    "many-groups": many_groups,
    "long-date": long_date,
    "long-values": long_values,
    "bad-references": bad_references,
    "duplicate-keys": duplicate_keys,
    "many-eras": many_eras,
    "many-views": many_views,
    "many-charts": many_charts,
    "many-sources": many_sources,
    "many-errors": many_errors,
    "many-tags": many_tags,
    "brackets": brackets,
    "csv-duplicates": csv_duplicates,
    "csv-groups": csv_groups,
    "json-events": json_events,
    "timelinejs-slides": timelinejs_slides,
    "timelinejs-long-time": timelinejs_long_time,
}


if __name__ == "__main__":
    _, data = SHAPES[sys.argv[1]](int(sys.argv[2]))
    sys.stdout.buffer.write(data)
