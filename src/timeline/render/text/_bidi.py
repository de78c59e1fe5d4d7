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

import re

__all__ = ["LRI", "PDI", "ltr", "runs"]

LRI = "\u2066"  # left-to-right isolate
PDI = "\u2069"  # pop directional isolate


def ltr(text: str, rtl: bool) -> str:
    """``text`` kept left to right inside a right-to-left page (a URL, a time zone name)."""
    return f"{LRI}{text}{PDI}" if rtl and text else text


def runs(line: str, rtl: bool) -> str:
    """A line of a right-to-left page with each run of left-to-right words isolated (a URL,
    "(UTC+3)", an English title): for text already wrapped into lines, where an isolate
    must open and close on the same line. The page's own punctuation at a run's ends
    (Arabic commas, guillemets) stays outside it."""
    if not rtl or _LTR_LETTER.search(line) is None:  # nothing left to right: most lines
        return line
    if _RTL.search(line) is None:  # one run: the whole line, its spaces aside
        return _isolate(line, 0, len(line))
    # Words with a right-to-left letter end a run; words with other letters make one; words
    # without letters (digits, dashes) join the run they stand in.
    out: list[str] = []
    done = 0
    first = last = -1
    for m in _WORD.finditer(line):
        if m.lastgroup == "r":
            if first >= 0:
                out.append(_isolate(line, first, last, done))
                done, first = last, -1
            continue
        if first < 0:
            first = m.start()
        last = m.end()
        if line[last - 1] in _SEPARATORS:  # "Reuters،": the page's list goes on
            out.append(_isolate(line, first, last, done))
            done, first = last, -1
    if first >= 0:
        out.append(_isolate(line, first, last, done))
        done = last
    out.append(line[done:])
    return "".join(out)


def _isolate(line: str, start: int, end: int, done: int = 0) -> str:
    """``line[done:end]`` with ``line[start:end]`` between LRI and PDI, the page's own
    punctuation and spaces at its ends left outside."""
    core = line[start:end]
    inner = core.strip(_OUTSIDE)
    if not inner:
        return line[done:end]
    lead = start + len(core) - len(core.lstrip(_OUTSIDE))
    tail = lead + len(inner)
    return f"{line[done:lead]}{LRI}{inner}{PDI}{line[tail:end]}"


#: Characters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
#: presentation forms); a right-to-left letter is a letter among them. Any other letter is
#: taken as left to right.
_RTL_RANGES = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff"
_RTL = re.compile(f"[{_RTL_RANGES}]")
_LTR_LETTER = re.compile(f"(?![{_RTL_RANGES}])[^\\W\\d_]")
#: A word with a right-to-left letter (``r``), or else with some other letter (``l``).
_WORD = re.compile(f"(?P<r>\\S*(?=[^\\W\\d_])[{_RTL_RANGES}]\\S*)|(?P<l>\\S*[^\\W\\d_]\\S*)")
#: What stays outside an isolate at its ends: spaces, Arabic punctuation, guillemets.
_OUTSIDE = " \u060c\u061b\u061f\u06d4«»"
#: Arabic punctuation that ends a run: what follows belongs to the next part of the line.
_SEPARATORS = frozenset("\u060c\u061b\u061f")
