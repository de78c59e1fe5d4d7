"""Generate large, realistic chronologies for the benchmarks (not a test).

Usage: python bench/generate.py N [OUT]  - writes a chronology of N events (default stdout).
"""

from __future__ import annotations

import random
import sys

GROUPS = ("government", "opposition", "russia", "iran-axis", "turkey", "us")


def chronology(n: int, seed: int = 1) -> str:
    """A chronology of ``n`` events: mixed precisions and qualifiers, periods, ongoing
    periods, a dense cluster of days, sources, groups, eras and two views."""
    rnd = random.Random(seed)
    out = [
        "# Generated for benchmarks.",
        f"title: Generated chronology of {n} events",
        "as_of: 2024-12-31",
        "timezone: Asia/Damascus",
        "sources:",
        "  s1: {title: A report, publisher: A publisher, date: 2024-11-29}",
        "  s2: {title: Another report, publisher: Another publisher}",
        "groups:",
        *(f"  {g}: {{label: {g.title()}}}" for g in GROUPS),
        "eras:",
        "  - {title: Before, date: 1900, end: 1999}",
        "  - {title: After, date: 2000, end: ..}",
        "events:",
    ]
    for i in range(n):
        kind = rnd.random()
        year = rnd.randint(1900, 2024)
        if kind < 0.1:
            date = f"{year}"
        elif kind < 0.2:
            date = f"{year}-{rnd.randint(1, 12):02d}~"
        elif kind < 0.3:
            date = f"{year}-{rnd.randint(1, 6):02d}/{year}-{rnd.randint(7, 12):02d}-15"
        elif kind < 0.33:
            date = f"{year}-{rnd.randint(1, 12):02d}-01/.."
        elif kind < 0.5:
            # A dense cluster: three days of November 2024, some with times.
            day = rnd.randint(27, 29)
            date = f"2024-11-{day}T{rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}+03:00"
        else:
            date = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        certainty = rnd.choice(("reported", "reported", "claimed", "confirmed", "disputed"))
        out.append(
            f"  - id: event-{i}\n"
            f"    date: {date}\n"
            f"    title: Event {i} in the {GROUPS[i % len(GROUPS)]} lane\n"
            f"    summary: >-\n"
            f"      A summary of event {i}, long enough to be realistic: who did what,\n"
            f"      where, and what the sources say about it.\n"
            f"    group: {GROUPS[i % len(GROUPS)]}\n"
            f"    place: Place {i % 97}\n"
            f"    tags: [tag{i % 7}, tag{i % 11}]\n"
            f"    sources: [s1]\n"
            f"    certainty: {certainty}\n"
            f"    importance: {rnd.choice((1, 2, 2, 3))}\n"
        )
    out.append("views:")
    out.append("  overview: {title: Overview, min_importance: 3}")
    out.append("  cluster: {title: The cluster, from: 2024-11-27, to: 2024-11-29}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    count = int(sys.argv[1])
    text = chronology(count)
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
