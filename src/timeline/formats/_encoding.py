"""CSV files that are not UTF-8: Excel's "CSV (Comma delimited)" is written in the
computer's ANSI code page, Windows-1252 in western Europe and the Americas.

Such a file is read as Windows-1252, with a warning saying so, unless its text shows that
it is not: a byte Windows-1252 does not define, or letters that only make sense in another
code page (Turkish ``ğ ş ı İ`` are ``ð þ ý Ý`` in Windows-1252, and Arabic text becomes
runs of accented capitals). Then the import stops and asks for ``--encoding``.
"""

from __future__ import annotations

import re

from timeline.formats._draft import Notes

__all__ = ["windows_1252"]

#: Letters that are Turkish in Windows-1254 where Windows-1252 has Icelandic ones.
_TURKISH = re.compile("[ðýþÐÝÞ]")
#: Three non-ASCII letters in a row: not French, German or English text.
_FOREIGN_RUN = re.compile(r"[^\x00-\x7f\W\d_]{3,}")
_HINT = (
    'save the file as UTF-8 ("CSV UTF-8" in Excel), or name its encoding: --encoding cp1254 '
    "(Turkish Windows), --encoding cp1256 (Arabic Windows), --encoding cp1252 (western)"
)


def windows_1252(data: bytes, notes: Notes, first_bad: tuple[int, int]) -> str | None:
    """``data`` read as Windows-1252 (warned at the first byte that is not UTF-8), or None
    after an error when the text shows another encoding."""
    line, col = first_bad
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        notes.error(
            line,
            col,
            f"the file is not UTF-8, and byte 0x{data[exc.start]:02x} is not Windows-1252 either",
            _HINT,
        )
        return None
    odd = _TURKISH.search(text) or _FOREIGN_RUN.search(text)
    if odd is not None:
        notes.error(
            line,
            col,
            f"the file is not UTF-8, and read as Windows-1252 it would say '{odd.group(0)}': "
            "its encoding must be another",
            _HINT,
        )
        return None
    notes.warn(
        line,
        col,
        "the file is not UTF-8: read as Windows-1252, the encoding of Excel's CSV files in "
        "western Europe and the Americas",
        f"check its accents; {_HINT}",
    )
    return text
