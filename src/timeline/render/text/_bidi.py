"""Bidirectional isolation for right-to-left pages: what keeps a URL or an English title
whole inside Arabic text.

In a right-to-left paragraph, a left-to-right run whose ends are neutral characters loses
them to the paragraph's direction: ``https://www.reuters.com/`` shows as
``/https://www.reuters.com``, and an English title's closing parenthesis jumps to its
other end. HTML isolates with markup (``<bdi>``, ``dir="ltr"``); Markdown and plain text
with Unicode's isolate marks, invisible characters that readers, browsers and editors
honour: LRI…PDI around each run of left-to-right words (a URL, "(UTC+3)", an English
title, "HTS (Hayat Tahrir al-Sham)" in an Arabic sentence), so the run keeps its own
order and its punctuation inside a right-to-left line. Pages in left-to-right languages
are left as they are.
"""

from __future__ import annotations

import unicodedata

__all__ = ["LRI", "PDI", "ltr", "runs"]

LRI = "\u2066"  # left-to-right isolate
PDI = "\u2069"  # pop directional isolate


def ltr(text: str, rtl: bool) -> str:
    """``text`` kept left to right inside a right-to-left page (a URL, a time zone name)."""
    return f"{LRI}{text}{PDI}" if rtl and text else text


def runs(line: str, rtl: bool) -> str:
    """A line of a right-to-left page with each run of left-to-right words isolated (a URL,
    "(UTC+3)", an English title): for text already wrapped into lines, where an isolate
    must open and close on the same line."""
    if not rtl or (line.isascii() and not any(ch.isalpha() for ch in line)):
        return line
    words = line.split(" ")
    kinds = [_kind(w) for w in words]
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        if kinds[i] != "L":
            out.append(words[i])
            i += 1
            continue
        j = i
        last = i
        while j < n and kinds[j] != "R":
            if kinds[j] == "L":
                last = j
            j += 1
        out.append(LRI + " ".join(words[i : last + 1]) + PDI)
        i = last + 1
    return " ".join(out)


def _kind(word: str) -> str:
    """``L`` for a word with left-to-right letters only, ``R`` for one with right-to-left
    letters, ``N`` for one with neither (digits, punctuation, spaces)."""
    found = "N"
    for ch in word:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            found = "L"
    return found
