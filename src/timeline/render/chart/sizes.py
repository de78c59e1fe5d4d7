"""Where a chart goes: its physical width, its maximum height and its smallest type.

Type is set in points at the final size and never shrunk to make things fit: a chart that
cannot hold every label at these sizes grows (up to ``max_height_cm``) and is then split
into consecutive parts. 1 in = 2.54 cm = 72 pt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["DEFAULT_SIZE", "SIZES", "Size", "size_named"]

CM_PER_INCH = 2.54


@dataclass(frozen=True, slots=True)
class Size:
    """A destination for a chart."""

    name: str
    #: Physical width of the whole chart, in centimetres.
    width_cm: float
    #: The tallest one part of the chart may be, in centimetres; None: no limit (never split).
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
    # Web pages and posters: 12 inches wide, as tall as it needs; never split.
    "wide": Size("wide", 30.48, None, 8.0, 7.0),
}
DEFAULT_SIZE = "column"


def size_named(name: str) -> Size:
    """The size called ``name``; KeyError for an unknown one (callers check the name)."""
    return SIZES[name]
