"""Chart themes: colours, type sizes and the per-lane styles of the chart.

Three themes: ``light`` (the default, for white pages), ``dark`` (for dark pages) and
``print``, which must survive a greyscale printer: its lanes differ by marker shape and bar
hatching as well as by grey level, so no meaning rests on hue alone. Groups without a colour
take the Okabe-Ito palette, which people with the common colour-vision deficiencies can tell
apart. This module imports nothing from matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from timeline.model import Group

__all__ = ["OKABE_ITO", "SIZES", "LaneStyle", "Sizes", "Theme", "get_theme", "lane_styles"]

#: Okabe & Ito (2008), ordered so that the first colours read well as text-adjacent marks on
#: white; yellow, the weakest on white, comes last.
OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)


@dataclass(frozen=True, slots=True)
class Sizes:
    """Type sizes in points at the chart's final size, and the sizes of its marks.

    The defaults are the smallest a printed document allows (labels 8 pt; dates, axis, key
    and footer at least 7 pt). A destination read from further away (a slide) scales the
    whole set by ``k``: type, marks and the fixed distances of the layout alike, so the
    chart keeps its proportions.
    """

    kicker: float = 9.0
    title: float = 17.0
    subtitle: float = 10.5
    legend: float = 8.0
    lane: float = 8.5
    label: float = 8.0
    label_date: float = 7.0
    era: float = 7.5
    tick: float = 8.0
    panel: float = 8.5
    footer: float = 7.5
    marker: float = 6.5  # marker diameter
    milestone: float = 9.0
    bar: float = 6.0
    #: How much this set is scaled from the defaults (also scales fixed layout distances).
    k: float = 1.0

    def scaled(self, k: float) -> Sizes:
        """Every size multiplied by ``k`` (relative to the defaults), except the header's
        (kicker, title, subtitle), which grow half as much: already large, they would
        otherwise take the room the events need."""
        base = Sizes()
        head = 1.0 + (k - 1.0) / 2
        values = {
            f.name: getattr(base, f.name) * (head if f.name in _HEADER else k)
            for f in fields(Sizes)
            if f.name != "k"
        }
        return replace(base, k=k, **values)

    def smallest(self, label_pt: float, small_pt: float) -> Sizes:
        """The defaults scaled just enough that labels are at least ``label_pt`` and every
        other text at least ``small_pt``."""
        base = Sizes()
        small = min(base.label_date, base.footer, base.era, base.tick, base.legend)
        k = max(1.0, label_pt / base.label, small_pt / small)
        return self.scaled(k)


SIZES = Sizes()
_HEADER = frozenset({"kicker", "title", "subtitle"})


@dataclass(frozen=True, slots=True)
class Theme:
    """The colours of one theme; ``greyscale`` switches lanes to shapes and hatches."""

    name: str
    background: str
    text: str
    muted: str
    faint: str
    grid: str
    separator: str
    era_fills: tuple[str, ...]
    era_alpha: float
    highlight: str
    connector: str
    palette: tuple[str, ...]
    neutral: str
    greyscale: bool = False


_LIGHT = Theme(
    name="light",
    background="#ffffff",
    text="#1d1f21",
    muted="#5b6168",
    faint="#8d939a",
    grid="#e4e6e9",
    separator="#cfd3d8",
    era_fills=("#f4f1ea", "#eaeff4"),
    era_alpha=1.0,
    highlight="#fbe9b7",
    connector="#9aa0a6",
    palette=OKABE_ITO,
    neutral="#5b6168",
)

_DARK = Theme(
    name="dark",
    background="#14171c",
    text="#eceef1",
    muted="#aeb4bb",
    faint="#7c848d",
    grid="#2a3038",
    separator="#3a414a",
    era_fills=("#1b1f26", "#1f252d"),
    era_alpha=1.0,
    highlight="#4a3f1c",
    connector="#7c848d",
    # Okabe-Ito lightened where it would sink into a dark page: blue and black.
    palette=("#3d9be0", *OKABE_ITO[1:6], "#d9d9d9", OKABE_ITO[7]),
    neutral="#aeb4bb",
)

_PRINT = Theme(
    name="print",
    background="#ffffff",
    text="#000000",
    muted="#3c3c3c",
    faint="#6e6e6e",
    grid="#d6d6d6",
    separator="#9e9e9e",
    era_fills=("#f2f2f2", "#e4e4e4"),
    era_alpha=1.0,
    highlight="#dcdcdc",
    connector="#6e6e6e",
    # Grey levels far enough apart to stay distinct after printing; lanes also differ by shape.
    palette=("#000000", "#5a5a5a", "#8c8c8c", "#2e2e2e", "#737373", "#a6a6a6"),
    neutral="#3c3c3c",
    greyscale=True,
)

THEMES = {"light": _LIGHT, "dark": _DARK, "print": _PRINT}

#: Marker shapes and bar hatches the print theme cycles through, one per lane.
_SHAPES = ("o", "s", "^", "D", "v", "p", "h", "<")
_HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\", "++++", "oo", "----")


def get_theme(name: str) -> Theme:
    """The theme called ``name``; a ValueError names the themes there are."""
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme {name!r}; choose from {', '.join(THEMES)}") from None


@dataclass(frozen=True, slots=True)
class LaneStyle:
    """How one lane's events are drawn: colour, marker shape and bar hatch."""

    color: str
    shape: str = "o"
    hatch: str = ""


def lane_styles(theme: Theme, groups: list[Group | None]) -> list[LaneStyle]:
    """One style per lane, in lane order; ``None`` is the lane of events without a group.

    A group's own colour is kept except in the greyscale theme; groups without one take the
    palette in order, skipping colours another group already chose.
    """
    taken = {g.color.lower() for g in groups if g is not None and g.color}
    free = [c for c in theme.palette if c.lower() not in taken] or list(theme.palette)
    styles = []
    n = 0
    for i, group in enumerate(groups):
        if theme.greyscale:
            color = theme.palette[i % len(theme.palette)] if group is not None else theme.neutral
            styles.append(LaneStyle(color, _SHAPES[i % len(_SHAPES)], _HATCHES[i % len(_HATCHES)]))
            continue
        if group is None:
            color = theme.neutral
        elif group.color and not theme.greyscale:
            color = group.color
        else:
            color = free[n % len(free)]
            n += 1
        styles.append(LaneStyle(color))
    return styles
