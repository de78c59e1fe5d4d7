"""Where a chart goes: its physical width, its maximum height and its smallest type.

Type is set in points at the final size and never shrunk to make things fit: a chart that
cannot hold every label at these sizes grows (up to ``max_height_cm``) and is then split
into consecutive parts. 1 in = 2.54 cm = 72 pt.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from timeline.spec import CHART_SIZES

__all__ = [
    "DEFAULT_SIZE",
    "MAX_WIDTH_CM",
    "MIN_WIDTH_CM",
    "SIZES",
    "Size",
    "parse_width",
    "size_named",
]

CM_PER_INCH = 2.54
#: The narrowest and widest chart ``--width`` allows (a two-column paper's column is
#: about 8.5 cm; a poster a metre).
MIN_WIDTH_CM = 5.0
MAX_WIDTH_CM = 100.0


@dataclass(frozen=True, slots=True)
class Size:
    """A destination for a chart."""

    name: str
    #: Physical width of the whole chart, in centimetres.
    width_cm: float
    #: The tallest one part of the chart may be, in centimetres; None: no limit (split only when one
    #: chart cannot label every event).
    max_height_cm: float | None
    #: The smallest type for event labels (titles), in points at the final size.
    label_pt: float
    #: The smallest type for dates, axis labels, the key and the footer, in points.
    small_pt: float

    @property
    def width_in(self) -> float:
        """The width in inches (matplotlib's unit)."""
        return self.width_cm / CM_PER_INCH

    @property
    def max_height_in(self) -> float | None:
        """The maximum height in inches, or None."""
        return None if self.max_height_cm is None else self.max_height_cm / CM_PER_INCH

    def with_width_cm(self, width_cm: float) -> Size:
        """The same destination at another width (``--width``)."""
        return replace(self, width_cm=width_cm)


SIZES: dict[str, Size] = {
    # Fits pandoc's default DOCX text block (14.8 cm) and Word/Docs A4 and Letter pages
    # (15.9-16.5 cm), so it goes into a document at 100 %.
    "column": Size("column", 14.5, 20.0, 8.0, 7.0),
    # A landscape page.
    "page": Size("page", 24.0, 16.0, 8.0, 7.0),
    # 16:9 presentation slide (13.333 x 7.5 in); type sized for projection.
    "slide": Size("slide", 33.867, 19.05, 14.0, 12.0),
    # Web pages and posters: 12 inches wide, as tall as it needs; one chart when it can label
    # every event.
    "wide": Size("wide", 30.48, None, 8.0, 7.0),
}
DEFAULT_SIZE = CHART_SIZES[0]
assert tuple(SIZES) == CHART_SIZES

#: Centimetres per unit of ``--width``.
_UNITS = {"cm": 1.0, "mm": 0.1, "in": CM_PER_INCH, "pt": CM_PER_INCH / 72.0}
_WIDTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([a-zA-Z]*)\s*")


def parse_width(text: str) -> float:
    """A chart width as written for ``--width``, in centimetres.

    ``14.5cm``, ``145mm``, ``6in`` and ``432pt`` say their unit; a bare number is inches
    (as ``--width`` always was). ValueError, with a message for the user, for anything
    else: no number, an unknown unit, zero, a negative, NaN or infinite width, or one
    outside 5-100 cm.
    """
    m = _WIDTH.fullmatch(text)
    unit = (m.group(2) if m else "").lower() or "in"
    if m is None or unit not in _UNITS:
        raise ValueError(
            f"--width {text!r} is not a width; write a number and a unit: 14.5cm, 145mm, "
            "6in or 432pt (a bare number is inches)"
        )
    cm = float(m.group(1)) * _UNITS[unit]
    if not math.isfinite(cm) or not MIN_WIDTH_CM <= cm <= MAX_WIDTH_CM:
        raise ValueError(
            f"--width {text!r} is out of range; a chart is {MIN_WIDTH_CM:g} to "
            f"{MAX_WIDTH_CM:g} cm wide"
        )
    return cm


def size_named(name: str) -> Size:
    """The size called ``name``; KeyError for an unknown one (callers check the name)."""
    return SIZES[name]
